package io.latentemu.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./emulator generate} run in-process. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = EmulatorCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesTheSplitsAndStatisticsWithTheRequestedGridAndOverrides() throws Exception {
        Path out = dir.resolve("euler");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "generate", "euler", "--out", out.toString(), "--train", "2", "--valid", "1",
                "--test", "1", "--resolution", "16", "--steps", "4", "--seed", "5", "--threads", "2",
                "--set", "boundary=OPEN", "--set", "gammas=[1.4]");
        assertEquals(0, code, stderr.toString());
        assertTrue(stdout.toString().contains("done in"), stdout.toString());
        assertTrue(Files.exists(out.resolve("stats.yaml")));
        try (WellDataset dataset = WellDataset.open(out)) {
            for (String split : WellDataset.SPLITS) {
                WellFile f = dataset.split(split).files().get(0);
                assertEquals("euler_multi_quadrants_openBC", f.metadata().datasetName());
                assertEquals(4, f.steps());
                assertEquals(16, f.metadata().spatialShape()[0]);
            }
            assertEquals(2, dataset.split("train").trajectories());
        }
        // the same command again resumes: everything is kept
        StringWriter again = new StringWriter();
        assertEquals(0, run(again, stderr, "generate", "euler", "--out", out.toString(), "--train", "2", "--valid", "1",
                "--test", "1", "--resolution", "16", "--steps", "4", "--seed", "5", "--set", "boundary=OPEN",
                "--set", "gammas=[1.4]"));
        assertTrue(again.toString().contains("0 files written, 3 kept"), again.toString());
    }

    @Test
    void badSettingsFailWithAMessage() {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "generate", "navier-stokes", "--out", dir.resolve("ns").toString(),
                "--resolution", "47");
        assertEquals(1, code);
        assertTrue(stderr.toString().contains("resolution must be even"), stderr.toString());
        code = run(stdout, stderr, "generate", "plasma", "--out", dir.resolve("x").toString());
        assertEquals(1, code);
        assertTrue(stderr.toString().contains("unknown simulator"), stderr.toString());
    }

    @Test
    void showConfigPrintsTheEffectiveConfiguration() {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "generate", "gray-scott", "--out", dir.toString(), "--steps", "7",
                "--set", "domainLength=2.0", "--show-config");
        assertEquals(0, code, stderr.toString());
        assertTrue(stdout.toString().contains("frames: 7"), stdout.toString());
        assertTrue(stdout.toString().contains("domainLength: 2.0"), stdout.toString());
    }
}
