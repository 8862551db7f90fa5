package io.latentemu.data.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.data.H5py;
import io.latentemu.data.WellDataException;
import io.latentemu.data.norm.WellStats;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellSplit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets written by the generator read back through the data layer (and h5py) with the simulated values. */
class DatasetGeneratorTest {

    @TempDir
    Path dir;

    private static final EulerConfig SMALL = EulerConfig.builder().resolution(16).frames(5)
            .gammas(List.of(1.4, 1.6)).build();

    private static GenerationReport generate(Simulator simulator, Path out, int threads, long seed) {
        return new DatasetGenerator().generate(simulator,
                GenerationRequest.of(out, 3, 1, 1, seed).withThreads(threads), GenerationListener.NONE);
    }

    private static List<Path> hdf5Files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".hdf5")).sorted().toList();
        }
    }

    @Test
    void filesHoldTheSimulatedTrajectoriesAndStatsCoverTrain() throws IOException {
        EulerSimulator simulator = new EulerSimulator(SMALL);
        Path out = dir.resolve("euler");
        GenerationReport report = generate(simulator, out, 2, 42);
        assertEquals(5, report.trajectories());
        // train: 3 trajectories over 2 gammas -> 2 files; valid (global index 3) -> gamma 1.6; test (4) -> gamma 1.4
        List<String> names = hdf5Files(out).stream().map(p -> out.relativize(p).toString()).toList();
        assertEquals(List.of(
                "data/test/euler_multi_quadrants_periodicBC_gamma_1.4.hdf5",
                "data/train/euler_multi_quadrants_periodicBC_gamma_1.4.hdf5",
                "data/train/euler_multi_quadrants_periodicBC_gamma_1.6.hdf5",
                "data/valid/euler_multi_quadrants_periodicBC_gamma_1.6.hdf5"), names);

        List<float[]> trainStates = new ArrayList<>();
        try (WellDataset dataset = WellDataset.open(out)) {
            WellSplit train = dataset.split("train");
            assertEquals(3, train.trajectories());
            for (WellFile f : train.files()) {
                assertEquals("euler_multi_quadrants_periodicBC", f.metadata().datasetName());
                assertEquals(List.of("energy", "density", "pressure", "momentum_x", "momentum_y"),
                        f.metadata().channelNames());
                assertEquals(5, f.steps());
                double gamma = f.parameters(0, 0)[0];
                // trajectory k of this file is trajectory (2k + file index) of the split
                int fileIndex = gamma == 1.4 ? 0 : 1;
                for (int b = 0; b < f.trajectories(); b++) {
                    int index = 2 * b + fileIndex;
                    SimulatedTrajectory expected = simulator.simulate(new double[] {gamma},
                            DatasetGenerator.trajectorySeed(42, 0, index));
                    float[] read = f.readWindow(b, 0, 5, 1);
                    assertArrayEquals(expected.fields(), read, "file " + f.path().getFileName() + " trajectory " + b);
                    assertArrayEquals(new double[] {0, 0.015, 0.03, 0.045, 0.06}, f.times(b), 1e-7);
                    trainStates.add(read);
                }
            }
        }
        // density (channel 1) mean and std over train, computed here from the simulated values
        int cells = 16 * 16;
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        for (float[] states : trainStates) {
            for (int t = 0; t < 5; t++) {
                for (int c = 0; c < cells; c++) {
                    double v = states[(t * 5 + 1) * cells + c];
                    sum += v;
                    sumSq += v * v;
                    count++;
                }
            }
        }
        double mean = sum / count;
        double std = Math.sqrt(sumSq / count - mean * mean);
        WellStats stats = WellStats.read(out.resolve("stats.yaml"));
        try (WellFile f = WellFile.open(out.resolve("data/train/euler_multi_quadrants_periodicBC_gamma_1.4.hdf5"))) {
            double[] means = stats.channelValues(WellStats.MEAN, f.metadata());
            double[] stds = stats.channelValues(WellStats.STD, f.metadata());
            assertEquals(mean, means[1], 1e-9 * Math.abs(mean));
            assertEquals(std, stds[1], 1e-6 * std);
        }
    }

    @Test
    void numbersDoNotDependOnTheThreadCount() throws IOException {
        Simulator simulator = BuiltInSimulator.GRAY_SCOTT.create(
                GrayScottConfig.builder().resolution(16).frames(3).outputInterval(5).build());
        generate(simulator, dir.resolve("one"), 1, 7);
        generate(simulator, dir.resolve("two"), 2, 7);
        List<Path> one = hdf5Files(dir.resolve("one"));
        List<Path> two = hdf5Files(dir.resolve("two"));
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            try (WellFile a = WellFile.open(one.get(i)); WellFile b = WellFile.open(two.get(i))) {
                for (int t = 0; t < a.trajectories(); t++) {
                    assertArrayEquals(a.readWindow(t, 0, a.steps(), 1), b.readWindow(t, 0, b.steps(), 1));
                }
            }
        }
    }

    @Test
    void aResumedRunKeepsCompleteFilesMakesMissingOnesAndRefusesOtherSettings() throws IOException {
        EulerSimulator simulator = new EulerSimulator(SMALL);
        Path out = dir.resolve("resume");
        generate(simulator, out, 2, 3);
        Path removed = out.resolve("data/train/euler_multi_quadrants_periodicBC_gamma_1.6.hdf5");
        Path kept = out.resolve("data/train/euler_multi_quadrants_periodicBC_gamma_1.4.hdf5");
        float[] before;
        try (WellFile f = WellFile.open(removed)) {
            before = f.readWindow(0, 0, 5, 1);
        }
        Files.delete(removed);
        FileTime keptTime = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(kept, keptTime);
        Path stale = removed.resolveSibling("." + removed.getFileName() + ".tmp-deadbeef");
        Files.writeString(stale, "half-written");

        GenerationReport report = generate(simulator, out, 2, 3);
        assertEquals(List.of(removed), report.written());
        assertEquals(3, report.kept().size());
        assertEquals(keptTime, Files.getLastModifiedTime(kept), "a complete file is not rewritten");
        assertFalse(Files.exists(stale), "temporary files of a killed run are removed");
        try (WellFile f = WellFile.open(removed)) {
            assertArrayEquals(before, f.readWindow(0, 0, 5, 1));
        }

        WellDataException refused = assertThrows(WellDataException.class, () -> generate(simulator, out, 2, 4));
        assertTrue(refused.getMessage().contains("other settings"), refused.getMessage());
        assertEquals(keptTime, Files.getLastModifiedTime(kept));
    }

    @Test
    void aFailedRunLeavesOnlyCompleteFilesUnderFinalNames() throws IOException {
        EulerSimulator simulator = new EulerSimulator(SMALL);
        Path out = dir.resolve("failed");
        GenerationListener failing = new GenerationListener() {
            @Override
            public void framesDone(long done, long total) {
                if (done == 12) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> new DatasetGenerator().generate(simulator,
                GenerationRequest.of(out, 3, 1, 1, 9).withThreads(1), failing));
        for (Path p : hdf5Files(out)) {
            try (WellFile f = WellFile.open(p)) {
                assertTrue(f.trajectories() >= 1 && f.steps() == 5, p + " is complete");
            }
        }
        assertFalse(Files.exists(out.resolve("stats.yaml")));
        GenerationReport resumed = generate(simulator, out, 2, 9);
        assertEquals(4, resumed.written().size() + resumed.kept().size());
        assertTrue(Files.exists(out.resolve("stats.yaml")));
    }

    @Test
    void h5pyOpensGeneratedFiles() throws IOException {
        H5py.assumeAvailable();
        Simulator simulator = BuiltInSimulator.NAVIER_STOKES.create(NavierStokesConfig.builder().resolution(16)
                .frames(3).spinUpTime(0.5).reynolds(List.of(50.0)).forcingWavenumber(2).build());
        Path out = dir.resolve("ns");
        generate(simulator, out, 2, 1);
        Path file = out.resolve("data/train/kolmogorov_flow_reynolds_50.hdf5");
        float expected;
        try (WellFile f = WellFile.open(file)) {
            // velocity_y (channel 2) of trajectory 1, step 2, point (3, 5)
            expected = f.readWindow(1, 2, 1, 1)[2 * 256 + 3 * 16 + 5];
        }
        H5py.Result r = H5py.code(String.join("\n",
                "import h5py, sys",
                "text = lambda x: x.decode() if isinstance(x, bytes) else str(x)",
                "f = h5py.File(sys.argv[1], 'r')",
                "v = f['t1_fields/velocity']",
                "w = f['t0_fields/vorticity']",
                "print(text(f.attrs['dataset_name']), f.attrs['n_trajectories'], v.shape, w.shape,",
                "      [text(n) for n in f['t1_fields'].attrs['field_names']], float(f['scalars/reynolds'][()]),",
                "      '%.9g' % v[1, 2, 3, 5, 1])"), file.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("kolmogorov_flow 3 (3, 3, 16, 16, 2) (3, 3, 16, 16) ['velocity'] 50.0 "
                + String.format("%.9g", expected), r.output());
    }
}
