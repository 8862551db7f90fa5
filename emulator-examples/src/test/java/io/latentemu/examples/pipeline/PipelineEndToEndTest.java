package io.latentemu.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.latentemu.core.metrics.PointwiseMetrics;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.examples.cli.EmulatorCommand;
import io.latentemu.models.autoencoder.Autoencoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;

/**
 * The whole pipeline on a tiny Euler dataset (16x16, 12 states per trajectory), every command in sequence
 * through {@link EmulatorCommand#newCommandLine()}, checking what the commands produce against values computed
 * here independently: persistence's lead-1 error is the one-step difference of the data read straight from
 * the HDF5 files, the autoencoder's error along the rollout is its reconstruction of each true state, a
 * deterministic emulator has no spread, and re-running or changing a finished step is safe.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {

    @TempDir
    static Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = EmulatorCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.err() + r.out());
        return r;
    }

    static Path data() {
        return dir.resolve("euler");
    }

    static Path config(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    static final String AE_YAML = """
            network: {widths: [8, 16], blocksPerLevel: 1, latentChannels: 4}
            training: {steps: 30, batchSize: 4, learningRate: 3.0e-3, warmupSteps: 2, logEvery: 10, checkpointEvery: 10}
            """;

    static final String EMULATOR_YAML = """
            backbone: {width: 16, depth: 1, heads: 2, noiseFeatures: 8}
            training: {steps: 10, batchSize: 4, learningRate: 2.0e-3, warmupSteps: 1, logEvery: 5, checkpointEvery: 5}
            rollout: {ensemble: 3, samplerSteps: 3, batchRows: 4}
            """;

    @Test
    @Order(1)
    void generateAndTrainTheAutoencoder() throws Exception {
        ok("generate", "euler", "--out", data().toString(), "--train", "4", "--valid", "1", "--test", "2",
                "--resolution", "16", "--steps", "12", "--seed", "3", "--set", "gammas=[1.4]");
        Path ae = dir.resolve("ae");
        Run r = ok("train-autoencoder", "--data", data().toString(), "--run", ae.toString(),
                "--config", config("ae.yaml", AE_YAML).toString());
        assertTrue(r.out().contains("compression 5.0x"), r.out());
        for (String f : List.of("autoencoder.yaml", "log.txt", "run.json", "train-log.jsonl", "model.zip",
                "metrics/reconstruction.json", "metrics/reconstruction.csv", "checkpoints/step-000000030")) {
            assertTrue(Files.exists(ae.resolve(f)), f);
        }
        assertTrue(Files.readString(ae.resolve("autoencoder.yaml")).contains("latentChannels: 4"));
        assertTrue(Files.readString(ae.resolve("log.txt")).contains("step 30/30"), "the run's log holds the progress");
        double vrmse = Json.read(ae.resolve("metrics/reconstruction.json")).path("vrmse_mean").asDouble();
        assertTrue(Double.isFinite(vrmse) && vrmse > 0, "reconstruction VRMSE " + vrmse);

        // a finished run is kept as it is
        FileTime before = Files.getLastModifiedTime(ae.resolve("model.zip"));
        ok("train-autoencoder", "--data", data().toString(), "--run", ae.toString(),
                "--config", config("ae.yaml", AE_YAML).toString());
        assertEquals(before, Files.getLastModifiedTime(ae.resolve("model.zip")));
        // another configuration in the same run is refused, and nothing is touched
        Run changed = run("train-autoencoder", "--data", data().toString(), "--run", ae.toString(),
                "--config", config("ae2.yaml", AE_YAML.replace("steps: 30", "steps: 31")).toString());
        assertEquals(1, changed.code());
        assertTrue(changed.err().contains("another configuration"), changed.err());
        assertEquals(before, Files.getLastModifiedTime(ae.resolve("model.zip")));
        // a typo in a configuration names the file and the key
        Run typo = run("train-autoencoder", "--data", data().toString(), "--run", dir.resolve("ae-typo").toString(),
                "--config", config("typo.yaml", "training: {stpes: 3}\n").toString());
        assertEquals(1, typo.code());
        assertTrue(typo.err().contains("typo.yaml") && typo.err().contains("stpes"), typo.err());

        ok("encode", "--run", ae.toString());
        Map<String, INDArray> latents = ArrayFile.read(ae.resolve("latents/test.bin"));
        assertEquals(List.of(2L, 12L, 4L, 8L, 8L), List.of(box(latents.get("latents").shape())));
    }

    @Test
    @Order(2)
    void latentDiffusionAndDeterministicEmulatorsThroughEveryCommand() throws Exception {
        Path ae = dir.resolve("ae");
        Path emulatorConfig = config("emulator.yaml", EMULATOR_YAML);
        for (String kind : List.of("diffusion", "deterministic")) {
            Path run = dir.resolve(kind);
            ok("train-emulator", "--kind", kind, "--space", "latent", "--data", data().toString(), "--autoencoder",
                    ae.toString(), "--run", run.toString(), "--config", emulatorConfig.toString());
            Run rollout = ok("rollout", "--run", run.toString(), "--sampler", "heun", "--steps", "2");
            assertTrue(rollout.out().contains("2 test trajectories x " + (kind.equals("diffusion") ? 3 : 1) + " members x 11 leads"),
                    rollout.out());
            ok("evaluate", "--run", run.toString());
            for (String f : List.of("emulator.yaml", "rollout.yaml", "model.zip", "rollout/latents.bin", "rollout/snapshots.bin",
                    "metrics/emulator.json", "metrics/emulator.csv", "metrics/emulator-bins.csv", "metrics/persistence.json",
                    "metrics/autoencoder.json", "metrics/spectra.json")) {
                assertTrue(Files.exists(run.resolve(f)), kind + ": " + f);
            }
            assertTrue(Files.readString(run.resolve("rollout.yaml")).contains("sampler: heun"));
        }
        JsonNode diffusion = Json.read(dir.resolve("diffusion/metrics/emulator.json"));
        JsonNode deterministic = Json.read(dir.resolve("deterministic/metrics/emulator.json"));
        for (JsonNode table : List.of(diffusion, deterministic)) {
            table.path("per_lead").forEach(metric -> metric.forEach(channel -> channel.forEach(v ->
                    assertTrue(Double.isFinite(v.asDouble()), "finite metrics"))));
            assertEquals(11, table.path("leads").asInt());
            assertEquals(3, table.path("bins").size());
        }
        // an ensemble has spread, a deterministic emulator none
        assertTrue(diffusion.path("per_lead").path("spread").path("density").get(0).asDouble() > 0);
        assertEquals(0.0, deterministic.path("per_lead").path("spread").path("density").get(0).asDouble());
    }

    @Test
    @Order(3)
    void persistenceLeadOneErrorIsTheDatasOneStepDifference() throws Exception {
        JsonNode persistence = Json.read(dir.resolve("diffusion/metrics/persistence.json"));
        try (WellDataset ds = WellDataset.open(data())) {
            List<String> channels = ds.split("test").metadata().channelNames();
            int frame = ds.split("test").metadata().frameSize() / channels.size();
            for (int c = 0; c < channels.size(); c++) {
                double expected = 0;
                int n = 0;
                for (WellFile f : ds.split("test").files()) {
                    for (int t = 0; t < f.trajectories(); t++) {
                        float[] states = f.readWindow(t, 0, 2, 1);       // raw, physical values
                        double[] u0 = new double[frame];
                        double[] u1 = new double[frame];
                        for (int i = 0; i < frame; i++) {
                            u0[i] = states[c * frame + i];
                            u1[i] = states[(channels.size() + c) * frame + i];
                        }
                        double mse = 0;
                        double mean = 0;
                        for (int i = 0; i < frame; i++) {
                            mse += (u0[i] - u1[i]) * (u0[i] - u1[i]) / frame;
                            mean += u1[i] / frame;
                        }
                        double var = 0;
                        for (double v : u1) {
                            var += (v - mean) * (v - mean) / (frame - 1);   // unbiased, as core's VRMSE
                        }
                        expected += Math.sqrt(mse / (var + PointwiseMetrics.EPS));
                        n++;
                    }
                }
                expected /= n;
                double reported = persistence.path("per_lead").path("vrmse").path(channels.get(c)).get(0).asDouble();
                assertEquals(expected, reported, 1e-4 * Math.max(1, expected), channels.get(c));
            }
        }
    }

    @Test
    @Order(4)
    void autoencoderRowIsTheReconstructionOfEachTrueState() throws Exception {
        JsonNode table = Json.read(dir.resolve("diffusion/metrics/autoencoder.json"));
        Autoencoder model = Autoencoder.load(dir.resolve("ae/model.zip"));
        try (PipelineData data = PipelineData.open(data(), io.latentemu.data.norm.NormalizationMode.ZSCORE)) {
            PipelineData.Trajectories test = data.trajectories("test", 0);
            int lead = 5;
            INDArray truth = test.states().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(lead)).dup();          // [N, C, H, W], state after the context
            INDArray u = data.denormalize(truth).castTo(DataType.DOUBLE);
            INDArray v = data.denormalize(model.reconstruct(truth)).castTo(DataType.DOUBLE);
            List<String> channels = data.channels();
            for (int c = 0; c < channels.size(); c++) {
                double expected = 0;
                for (int i = 0; i < test.count(); i++) {
                    expected += PointwiseMetrics.vrmse(field(v, i, c), field(u, i, c)) / test.count();
                }
                double reported = table.path("per_lead").path("vrmse").path(channels.get(c)).get(lead - 1).asDouble();
                assertEquals(expected, reported, 2e-3 * expected + 1e-6, channels.get(c));
            }
        }
    }

    @Test
    @Order(5)
    void pixelEmulatorReportAndSafeReruns() throws Exception {
        Path pixel = dir.resolve("pixel");
        ok("train-emulator", "--kind", "deterministic", "--space", "pixel", "--data", data().toString(), "--run",
                pixel.toString(), "--config", config("pixel.yaml", EMULATOR_YAML.replace("noiseFeatures: 8}", "noiseFeatures: 8, patchSize: 4}"))
                        .toString());
        ok("rollout", "--run", pixel.toString());
        ok("evaluate", "--run", pixel.toString());
        assertFalse(Files.exists(pixel.resolve("metrics/autoencoder.json")), "no autoencoder in pixel space");

        Path report = dir.resolve("report");
        Run r = ok("report", "--run", dir.resolve("diffusion").toString(), dir.resolve("deterministic").toString(),
                pixel.toString(), "--out", report.toString());
        for (String f : List.of("report.html", "report.md", "figures/vrmse.png", "figures/spread_skill.png",
                "figures/spectrum_lead1.png", "figures/snapshots.png", "figures/rollout.gif")) {
            assertTrue(Files.size(report.resolve(f)) > 100, f);
        }
        String md = Files.readString(report.resolve("report.md"));
        for (String row : List.of("| latent diffusion |", "| latent deterministic |", "| pixel deterministic |",
                "| persistence |", "| autoencoder 5x |")) {
            assertTrue(md.contains(row), row + " in\n" + md);
        }
        assertTrue(r.out().contains("VRMSE 1-2"), r.out());

        // an interrupted stage needs --resume; with it, it is redone
        Path run = dir.resolve("deterministic");
        RunDirectory.existing(run).markStarted(RunFiles.EVALUATE, "evaluate");
        Run refused = run("evaluate", "--run", run.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("--resume"), refused.err());
        ok("evaluate", "--run", run.toString(), "--resume");
        assertEquals(RunDirectory.StageState.DONE, RunDirectory.existing(run).state(RunFiles.EVALUATE));
        // a finished rollout is not redone with other settings: refused instead
        Run other = run("rollout", "--run", run.toString(), "--sampler", "euler");
        assertEquals(1, other.code(), other.out());
        assertTrue(other.err().contains("another configuration"), other.err());
    }

    @Test
    @Order(6)
    void interruptedTrainingResumesFromItsCheckpoint() throws Exception {
        // simulate a crash after step 5: drop the final checkpoint and the model, mark the stage unfinished
        Path run = dir.resolve("deterministic");
        Files.delete(run.resolve("model.zip"));
        try (var s = Files.walk(run.resolve("checkpoints/step-000000010"))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        RunDirectory.existing(run).markStarted(RunFiles.TRAIN, "deterministic");
        String[] args = {"train-emulator", "--kind", "deterministic", "--space", "latent", "--data", data().toString(),
                "--autoencoder", dir.resolve("ae").toString(), "--run", run.toString(), "--config",
                dir.resolve("emulator.yaml").toString()};
        Run refused = run(args);
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("--resume"), refused.err());
        String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        ok(resume);
        assertTrue(Files.exists(run.resolve("model.zip")));
        List<String> log = Files.readAllLines(run.resolve("train-log.jsonl"));
        assertTrue(log.stream().anyMatch(l -> l.contains("\"resume\"") && l.contains("\"at_step\":5")), String.join("\n", log));
    }

    @Test
    @Order(7)
    void examplePrograms() throws Exception {
        Run iterate = ok("example", "iterate-dataset", data().toString());
        assertTrue(iterate.out().contains("euler_multi_quadrants_periodicBC: 4 trajectories in 1 files"), iterate.out());
        assertTrue(iterate.out().contains("32 windows of shape [5, 5, 16, 16]"), iterate.out());   // 4 x (12 - 4)

        Run custom = ok("example", "custom-backbone", data().toString(), "8");
        assertTrue(custom.out().contains("trained 8 steps"), custom.out());
        assertTrue(custom.out().contains("lead 10: RMSE"), custom.out());

        Path gif = dir.resolve("mine.gif");
        Run rollout = ok("example", "rollout-from-state", dir.resolve("diffusion").toString(), "6", gif.toString());
        assertTrue(rollout.out().contains("diffusion emulator: 6 states x 3 members"), rollout.out());
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            var reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(6, reader.getNumImages(true));
        }
    }

    private static double[] field(INDArray x, int row, int channel) {
        return x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(row), org.nd4j.linalg.indexing.NDArrayIndex.point(channel))
                .dup().data().asDouble();
    }

    private static Long[] box(long[] a) {
        return java.util.Arrays.stream(a).boxed().toArray(Long[]::new);
    }
}
