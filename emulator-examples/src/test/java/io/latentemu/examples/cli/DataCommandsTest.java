package io.latentemu.examples.cli;

import io.latentemu.data.bench.WaveFrames;
import io.latentemu.data.norm.StatsComputer;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.write.WellWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./emulator inspect} and {@code ./emulator bench data}, run in-process through picocli. */
class DataCommandsTest {

    @TempDir
    Path dir;

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

    /** A dataset written by the data layer: 2 train files, 1 valid file, stats.yaml over train. */
    private Path dataset() {
        Path root = dir.resolve("waves");
        WaveFrames frames = new WaveFrames(2, 6, 16);
        WellWriter writer = new WellWriter(frames.description());
        writer.write(root.resolve("data/train/a.hdf5"), frames);
        writer.write(root.resolve("data/train/b.hdf5"), frames);
        writer.write(root.resolve("data/valid/c.hdf5"), frames);
        try (WellDataset ds = WellDataset.open(root)) {
            var train = ds.split("train");
            new StatsComputer().compute(train).write(root.resolve("stats.yaml"), train.metadata(), false);
        }
        return root;
    }

    @Test
    void inspectADatasetAndAFile() {
        Path root = dataset();
        Run r = run("inspect", root.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dataset        bench_waves"), r.out());
        assertTrue(r.out().contains("grid           cartesian, 2-D, 16 x 16"), r.out());
        assertTrue(r.out().contains("time           6 steps per trajectory, t = 0 .. 0.05"), r.out());
        assertTrue(r.out().contains("trajectories   train 4 (2 files), valid 2 (1 file)"), r.out());
        assertTrue(r.out().contains("channels       4: density, pressure, velocity_x, velocity_y"), r.out());
        assertTrue(r.out().contains("parameter      wavenumber = 1, 2"), r.out());
        assertTrue(r.out().contains("boundaries     x PERIODIC, y PERIODIC"), r.out());
        // density = 1 + waves with zero mean over the periodic grid + noise of amplitude 1e-3
        String densityLine = r.out().lines().filter(l -> l.startsWith("  density ")).findFirst().orElseThrow();
        assertEquals(1.0, Double.parseDouble(densityLine.trim().split(" +")[1]), 1e-3, densityLine);

        Run file = run("inspect", root.resolve("data/valid/c.hdf5").toString());
        assertEquals(0, file.code(), file.err());
        assertTrue(file.out().contains("trajectories   file 2 (1 file)"), file.out());
    }

    @Test
    void badInputGivesAnErrorAndANonZeroExit() throws IOException {
        Run missing = run("inspect", dir.resolve("nowhere").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("nowhere: no such file or directory"),
                missing.err());

        Path junk = Files.writeString(dir.resolve("junk.hdf5"), "not hdf5");
        Run bad = run("inspect", junk.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("junk.hdf5: not a readable HDF5 file"), bad.err());

        Path root = dataset();
        Files.writeString(root.resolve("stats.yaml"), "mean: {density: 1}\nstd: {density: 1}\n",
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        Run stats = run("inspect", root.toString());
        assertEquals(1, stats.code());
        assertTrue(stats.err().contains("stats.yaml: mean/pressure: missing field 'pressure'"), stats.err());
    }

    /** A small run of the benchmark: a child JVM with a 32 MB heap reads a 24 MB file and the file is deleted. */
    @Test
    void benchData() throws IOException {
        Run r = run("bench", "data", "--size-mb", "24", "--heap-mb", "32", "--resolution", "64", "--seconds", "1",
                "--dir", dir.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("every state once, 1 thread:"), r.out());
        assertTrue(r.out().contains("windows/s"), r.out());
        assertTrue(r.out().contains("peak heap"), r.out());
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "the benchmark file is deleted");
        }
    }
}
