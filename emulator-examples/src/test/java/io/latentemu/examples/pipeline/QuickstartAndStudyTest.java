package io.latentemu.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.examples.cli.EmulatorCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./emulator quickstart} and {@code ./emulator study} in-process, with configuration files that shrink
 * them to a 16x16 grid and a few steps: every run directory, the report and the study's table appear, the
 * targets are checked and printed, and a second invocation keeps everything.
 */
class QuickstartAndStudyTest {

    @TempDir
    Path dir;

    static final String DATASET = "dataset: {resolution: 16, steps: 12, train: 4, valid: 1, test: 2, seed: 5, settings: {gammas: [1.4]}}\n";
    static final String AE = "{network: {widths: [8, 16], blocksPerLevel: 1, latentChannels: 4}, "
            + "training: {steps: 20, batchSize: 4, learningRate: 3.0e-3, warmupSteps: 2, logEvery: 10}}";
    static final String EMULATOR = "{backbone: {width: 16, depth: 1, heads: 2, noiseFeatures: 8}, "
            + "training: {steps: 6, batchSize: 4, learningRate: 2.0e-3, warmupSteps: 1, logEvery: 5}, "
            + "rollout: {ensemble: 2, samplerSteps: 2, batchRows: 4}}";

    private static String[] args(String... a) {
        return a;
    }

    private String run(String... args) {
        CommandLine cli = EmulatorCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertEquals(0, code, String.join(" ", args) + "\n" + err + out);
        return out.toString();
    }

    @Test
    void quickstartRunsEveryStepAndChecksItsTargets() throws Exception {
        Path config = Files.writeString(dir.resolve("quick.yaml"), DATASET + "autoencoder: " + AE + "\ndiffusion: " + EMULATOR
                + "\ndeterministic: " + EMULATOR + "\n");
        Path out = dir.resolve("quickstart");
        String printed = run("quickstart", "--out", out.toString(), "--config", config.toString(), "--jobs", "1");
        for (String f : List.of("data/stats.yaml", "autoencoder/model.zip", "autoencoder/latents/train.bin",
                "diffusion/model.zip", "diffusion/metrics/emulator.json", "deterministic/metrics/emulator.json",
                "report.html", "report.md", "figures/vrmse.png", "figures/rollout.gif")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertTrue(printed.contains("| latent diffusion |") && printed.contains("| persistence |"), printed);
        assertTrue(printed.contains("Targets:"), printed);
        for (String target : List.of("end to end", "autoencoder reconstruction VRMSE", "latent diffusion VRMSE over leads 1-11",
                "latent deterministic VRMSE over leads 1-11", "latent diffusion spread/skill")) {
            assertTrue(printed.contains(target), target + " in\n" + printed);
        }
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertTrue(printed.contains("peak resident memory"), printed);
        }
        // again: everything is kept
        long before = Files.getLastModifiedTime(out.resolve("diffusion/model.zip")).toMillis();
        run("quickstart", "--out", out.toString(), "--config", config.toString(), "--jobs", "1");
        assertEquals(before, Files.getLastModifiedTime(out.resolve("diffusion/model.zip")).toMillis());

        // in child processes (the autoencoder, then both emulators side by side) the same networks train on the same data
        Path parallel = dir.resolve("parallel");
        String both = run("quickstart", "--out", parallel.toString(), "--config", config.toString(), "--jobs", "2");
        assertTrue(both.contains("[autoencoder] ") && both.contains("[diffusion] ") && both.contains("[deterministic] "), both);
        assertTrue(both.contains("with the child processes") || !Files.exists(Path.of("/proc/self/status")), both);
        for (String kind : List.of("autoencoder", "diffusion", "deterministic")) {
            assertTrue(Files.exists(parallel.resolve(kind + (kind.equals("autoencoder") ? "/latents/test.bin" : "/metrics/emulator.json"))), kind);
            assertTrue(Files.exists(parallel.resolve(kind + ".yaml")), kind);
            double inProcess = finalLoss(out.resolve(kind));
            double child = finalLoss(parallel.resolve(kind));
            assertEquals(inProcess, child, 1e-3 * Math.abs(inProcess), kind + " final training loss");
        }
    }

    private static double finalLoss(Path run) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("run.json").toFile())
                .path("stages").path("train").path("summary").path("final_loss").asDouble(Double.NaN);
    }

    @Test
    void studyWritesTheTableInThePapersForm() throws Exception {
        Path config = Files.writeString(dir.resolve("study.yaml"), DATASET + "latentChannels: [4, 1]\nautoencoder: " + AE
                + "\ndiffusion: " + EMULATOR + "\ndeterministic: " + EMULATOR + "\npixel: "
                + EMULATOR.replace("noiseFeatures: 8}", "noiseFeatures: 8, patchSize: 4}") + "\n");
        Path out = dir.resolve("study");
        run("study", "--out", out.toString(), "--config", config.toString());
        for (String run : List.of("ae-4ch", "ae-1ch", "diffusion-4ch", "deterministic-4ch", "diffusion-1ch",
                "deterministic-1ch", "pixel-deterministic")) {
            assertTrue(Files.exists(out.resolve(run).resolve("run.json")), run);
        }
        String md = Files.readString(out.resolve("study.md"));
        assertTrue(md.contains("Command: `./emulator study --preset small --out " + out), md);
        for (String row : List.of("| autoencoder 5x | 5x |", "| latent diffusion 5x | 5x |", "| latent deterministic 20x | 20x |",
                "| pixel deterministic | 1x |", "| persistence | - |")) {
            assertTrue(md.contains(row), row + " in\n" + md);
        }
        assertTrue(md.contains("speed-up vs pixel") && md.contains("| 1.0x |"), md);
        assertTrue(Files.exists(out.resolve("report.html")));
    }
}
