package io.latentemu.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.examples.pipeline.Samplers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./emulator bench samplers} on a tiny window, in-process: it runs every sampler, the quickstart network and prints figures (the
 * script-readable line holds positive finite numbers; their size is a benchmark's business, not a test's). */
class SamplerBenchCommandTest {

    @Test
    void printsATimeAndOverheadForEverySampler() {
        CommandLine cli = EmulatorCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("bench", "samplers", "--batch", "2", "--frames", "3", "--channels", "2", "--size", "4",
                "--steps", "3", "--repeats", "1");
        assertEquals(0, code, err.toString());
        String text = out.toString();
        for (String name : Samplers.names()) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(name + " ")), name + " missing in\n" + text);
        }
        assertTrue(text.contains("network call: the quickstart's latent diffusion ViT"), text);
        Matcher line = Pattern.compile("samplers window_ms=(\\S+) calls_ms=(\\S+) ratio=(\\S+) frame_ms=(\\S+)").matcher(text);
        assertTrue(line.find(), text);
        for (int g = 1; g <= 4; g++) {
            double v = Double.parseDouble(line.group(g));
            assertTrue(v > 0 && Double.isFinite(v), "figure " + g + " of " + line.group());
        }
        double window = Double.parseDouble(line.group(1));
        double calls = Double.parseDouble(line.group(2));
        // the calls are timed inside the window, so they cannot take longer than it
        assertTrue(calls <= window, line.group());
        assertEquals(window / calls, Double.parseDouble(line.group(3)), 1e-3 * window / calls, line.group());
    }
}
