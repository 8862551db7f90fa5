package io.latentemu.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./emulator bench models} at a tiny batch, in-process: both networks, the script-readable lines. */
class ModelBenchCommandTest {

    @Test
    void printsOneLinePerNetworkWithThePyTorchParameterCounts() {
        CommandLine cli = EmulatorCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("bench", "models", "--batch", "1", "--steps", "1", "--warmup", "0", "--size", "32",
                "--sgemm-size", "256");
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(Pattern.compile("(?m)^autoencoder train_step_s=[0-9.]+ forward_s=[0-9.]+ params=9445557$").matcher(text).find(), text);
        assertTrue(Pattern.compile("(?m)^vit train_step_s=[0-9.]+ forward_s=[0-9.]+ params=6484496$").matcher(text).find(), text);
        assertTrue(text.contains("sgemm"), text);
    }
}
