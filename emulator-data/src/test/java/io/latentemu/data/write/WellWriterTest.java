package io.latentemu.data.write;

import io.latentemu.data.TestDatasets;
import io.latentemu.data.WellDataException;
import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.well.SimulationParameter;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WellWriterTest {

    @TempDir
    Path dir;

    static WriteOptions options(String name) {
        return switch (name) {
            case "contiguous" -> WriteOptions.contiguous();
            case "chunked" -> WriteOptions.chunked();
            case "gzip" -> WriteOptions.gzip(4);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Bit patterns of floats, so that the comparison is exact (NaN-safe, -0 distinct from 0). */
    static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"contiguous", "chunked", "gzip"})
    void roundTrip2dIsBitExact(String layout) {
        WellDescription d = TestDatasets.description2d();
        List<Trajectory> trajectories = TestDatasets.randomTrajectories(d, 3, 7, 42);
        Path file = dir.resolve("synthetic.hdf5");
        new WellWriter(d, options(layout)).write(file, trajectories);

        try (WellFile f = WellFile.open(file)) {
            WellMetadata m = f.metadata();
            assertEquals("synthetic_2d", m.datasetName());
            assertEquals("cartesian", m.gridType());
            assertEquals(d.axes(), m.axes());
            assertEquals(List.of("density", "pressure", "velocity_x", "velocity_y",
                    "stress_xx", "stress_xy", "stress_yx", "stress_yy"), m.channelNames());
            assertEquals(d.channelNames(), m.channelNames());
            assertEquals(d.fields(), m.fields());
            assertEquals(3, m.trajectories());
            assertEquals(7, m.steps());
            assertEquals(List.of(BoundaryType.PERIODIC), m.boundaryTypes(0));
            assertEquals(List.of(BoundaryType.WALL), m.boundaryTypes(1));
            assertEquals(List.of(new SimulationParameter("gamma", true, false), new SimulationParameter("mach", true, false)),
                    m.parameters());
            for (int b = 0; b < 3; b++) {
                Trajectory t = trajectories.get(b);
                assertArrayEquals(bits(t.states()), bits(f.readWindow(b, 0, 7, 1)), "trajectory " + b);
                assertArrayEquals(t.times(), f.times(b));
                assertArrayEquals(t.parameters(), f.parameters(b, 3));
            }
            // a strided window is the matching subset of states
            float[] w = f.readWindow(1, 1, 3, 2);
            int frame = d.frameSize();
            for (int l = 0; l < 3; l++) {
                float[] expected = Arrays.copyOfRange(trajectories.get(1).states(), (1 + 2 * l) * frame, (2 + 2 * l) * frame);
                assertArrayEquals(bits(expected), bits(Arrays.copyOfRange(w, l * frame, (l + 1) * frame)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"contiguous", "gzip"})
    void roundTrip3dIsBitExact(String layout) {
        WellDescription d = TestDatasets.description3d();
        List<Trajectory> trajectories = TestDatasets.randomTrajectories(d, 2, 4, 7);
        Path file = dir.resolve("synthetic3d.h5");
        new WellWriter(d, options(layout)).write(file, trajectories);
        try (WellFile f = WellFile.open(file)) {
            assertArrayEquals(new int[]{4, 3, 5}, f.metadata().spatialShape());
            assertEquals(List.of("energy", "momentum_x", "momentum_y", "momentum_z"), f.metadata().channelNames());
            assertEquals(List.of(BoundaryType.OPEN), f.metadata().boundaryTypes(1));
            for (int b = 0; b < 2; b++) {
                assertArrayEquals(bits(trajectories.get(b).states()), bits(f.readWindow(b, 0, 4, 1)));
            }
        }
    }

    @Test
    void constantParameterAndTimesPerTrajectory() {
        WellDescription d = TestDatasets.description3d();
        List<Trajectory> ts = TestDatasets.randomTrajectories(d, 2, 3, 1);
        double[] otherTimes = {0.0, 0.5, 2.0};
        List<Trajectory> mixed = List.of(new Trajectory(ts.get(0).states(), ts.get(0).times(), new double[]{100}),
                new Trajectory(ts.get(1).states(), otherTimes, new double[]{100}));
        Path file = dir.resolve("mixed.hdf5");
        new WellWriter(d).write(file, mixed);
        try (WellFile f = WellFile.open(file)) {
            assertTrue(f.metadata().timeSampleVarying());
            assertArrayEquals(otherTimes, f.times(1));
            assertArrayEquals(ts.get(0).times(), f.times(0));
            assertEquals(new SimulationParameter("reynolds", false, false), f.metadata().parameters().get(0));
            assertArrayEquals(new double[]{100}, f.parameters(1, 2));
        }
    }

    @Test
    void neverOverwritesUnlessAsked() throws IOException {
        WellDescription d = TestDatasets.description3d();
        List<Trajectory> ts = TestDatasets.randomTrajectories(d, 1, 2, 3);
        Path file = dir.resolve("kept.hdf5");
        Files.writeString(file, "precious");
        WellDataException e = assertThrows(WellDataException.class, () -> new WellWriter(d).write(file, ts));
        assertTrue(e.getMessage().contains("not overwritten"), e.getMessage());
        assertEquals("precious", Files.readString(file));
        new WellWriter(d, WriteOptions.contiguous().withOverwrite(true)).write(file, ts);
        try (WellFile f = WellFile.open(file)) {
            assertEquals(1, f.trajectories());
        }
        assertNoTemporaryFiles();
    }

    @Test
    void refusesNonFiniteValuesAndLeavesNothing() throws IOException {
        WellDescription d = TestDatasets.description2d();
        List<Trajectory> ts = TestDatasets.randomTrajectories(d, 2, 3, 5);
        ts.get(1).states()[2 * d.frameSize() + 2 * d.pointsPerChannel() + 4] = Float.NaN; // step 2, velocity_x
        Path file = dir.resolve("nan.hdf5");
        WellDataException e = assertThrows(WellDataException.class, () -> new WellWriter(d).write(file, ts));
        assertTrue(e.getMessage().contains("/t1_fields/velocity"), e.getMessage());
        assertTrue(e.getMessage().contains("trajectory 1, step 2, channel velocity_x"), e.getMessage());
        assertFalse(Files.exists(file));
        assertNoTemporaryFiles();
    }

    @Test
    void sourceFailureLeavesNothing() throws IOException {
        WellDescription d = TestDatasets.description3d();
        FrameSource failing = new FrameSource() {
            public int trajectories() {
                return 2;
            }

            public int steps() {
                return 2;
            }

            public double[] times(int trajectory) {
                return new double[]{0, 1};
            }

            public double[] parameters(int trajectory) {
                return new double[]{1};
            }

            public void readFrame(int trajectory, int step, float[] into, int offset) {
                if (trajectory == 1) {
                    throw new IllegalStateException("solver diverged");
                }
            }
        };
        Path file = dir.resolve("failed.hdf5");
        WellDataException e = assertThrows(WellDataException.class, () -> new WellWriter(d).write(file, failing));
        assertTrue(e.getMessage().contains("solver diverged"), e.getMessage());
        assertFalse(Files.exists(file));
        assertNoTemporaryFiles();
    }

    @Test
    void rejectsMismatchedSizes() {
        WellDescription d = TestDatasets.description3d();
        Trajectory wrong = new Trajectory(new float[2 * (d.frameSize() - 4)], new double[]{0, 1}, new double[]{1});
        assertThrows(IllegalArgumentException.class, () -> new WellWriter(d).write(dir.resolve("x.hdf5"), List.of(wrong)));
        Trajectory noParams = new Trajectory(new float[2 * d.frameSize()], new double[]{0, 1}, new double[0]);
        assertThrows(IllegalArgumentException.class, () -> new WellWriter(d).write(dir.resolve("x.hdf5"), List.of(noParams)));
    }

    @Test
    void descriptionValidates() {
        assertThrows(IllegalArgumentException.class, () -> WellDescription.builder("x")
                .axis(Axis.uniform("x", 4, 0, 1), BoundaryType.PERIODIC)
                .field("velocity", 1).field("density", 0).build());
        assertThrows(IllegalArgumentException.class, () -> WellDescription.builder("x")
                .axis(Axis.uniform("x", 4, 0, 1), BoundaryType.PERIODIC)
                .field("density", 0).parameter("n_trajectories").build());
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (var s = Files.list(dir)) {
            List<Path> leftovers = s.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
            assertTrue(leftovers.isEmpty(), "temporary files left: " + leftovers);
        }
    }
}
