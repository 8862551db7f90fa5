package io.latentemu.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./emulator bench models} at a tiny batch, in-process: both networks, the script-readable lines, and
 * {@code --compare} against a stand-in interpreter (whose figures we know) or a missing one.
 */
class ModelBenchCommandTest {

    private static String run(String... args) {
        CommandLine cli = EmulatorCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void printsOneLinePerNetworkWithThePyTorchParameterCountsAndTheRatios(@TempDir Path dir) throws Exception {
        // stands in for python3: any call prints the reference script's line with known figures
        Path python = dir.resolve("python3");
        Files.writeString(python, "#!/bin/sh\necho \"torch 9.9 $2 train_step_s=2.0000 forward_s=0.5000 params=123 threads=2 "
                + "train_cpu_s=4.0000 forward_cpu_s=0.2500\"\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
        String text = run("bench", "models", "--batch", "1", "--steps", "1", "--warmup", "0", "--size", "32",
                "--sgemm-size", "256", "--compare", "--python", python.toString());
        assertTrue(Pattern.compile("(?m)^autoencoder train_step_s=[0-9.]+ forward_s=[0-9.]+ params=9445557$").matcher(text).find(), text);
        assertTrue(Pattern.compile("(?m)^vit train_step_s=[0-9.]+ forward_s=[0-9.]+ params=6484496$").matcher(text).find(), text);
        assertTrue(text.contains("sgemm"), text);
        for (String network : new String[]{"autoencoder", "vit"}) {
            assertTrue(Pattern.compile("(?m)^" + network + ": Java's compiler worked [0-9]+ ms during the timed training "
                    + "steps and [0-9]+ ms during the timed forward passes$").matcher(text).find(), text);
        }
        for (String network : new String[]{"autoencoder", "vit"}) {
            var m = Pattern.compile("(?m)^" + network + " train_step_s=([0-9.]+) forward_s=([0-9.]+) ").matcher(text);
            assertTrue(m.find(), text);
            double train = Double.parseDouble(m.group(1));
            double forward = Double.parseDouble(m.group(2));
            var r = Pattern.compile("(?m)^" + network + " torch_train_step_s=2.0000 torch_forward_s=0.5000 torch_params=123 "
                    + "train_ratio=([0-9.]+) forward_ratio=([0-9.]+)$").matcher(text);
            assertTrue(r.find(), text);
            assertEquals(train / 2.0, Double.parseDouble(r.group(1)), 1e-3 + 1e-3 * train);
            assertEquals(forward / 0.5, Double.parseDouble(r.group(2)), 1e-3 + 1e-3 * forward);
            var c = Pattern.compile("(?m)^" + network + " train_cpu_s=([0-9.]+) torch_train_cpu_s=4.0000 train_cpu_ratio=([0-9.]+) "
                    + "forward_cpu_s=([0-9.]+) torch_forward_cpu_s=0.2500 forward_cpu_ratio=([0-9.]+)$").matcher(text);
            assertTrue(c.find(), text);
            assertEquals(Double.parseDouble(c.group(1)) / 4.0, Double.parseDouble(c.group(2)), 1e-3 + 1e-3 * Double.parseDouble(c.group(2)));
            assertEquals(Double.parseDouble(c.group(3)) / 0.25, Double.parseDouble(c.group(4)), 1e-3 + 1e-3 * Double.parseDouble(c.group(4)));
        }
    }

    @Test
    void withoutTorchSaysSoAndStillPrintsOurFigures() {
        String text = run("bench", "models", "--network", "autoencoder", "--batch", "1", "--steps", "1", "--warmup", "0",
                "--size", "16", "--sgemm-size", "64", "--compare", "--python", "/nonexistent/python3");
        assertTrue(text.contains("PyTorch reference not available"), text);
        assertTrue(Pattern.compile("(?m)^autoencoder train_step_s=[0-9.]+ forward_s=[0-9.]+ params=9445557$").matcher(text).find(), text);
        assertTrue(!text.contains("torch_train_step_s"), text);
    }
}
