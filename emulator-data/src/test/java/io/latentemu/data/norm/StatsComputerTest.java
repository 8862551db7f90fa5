package io.latentemu.data.norm;

import io.latentemu.data.TestDatasets;
import io.latentemu.data.WellDataException;
import io.latentemu.data.well.FieldSpec;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellMetadata;
import io.latentemu.data.well.WellSplit;
import io.latentemu.data.write.Trajectory;
import io.latentemu.data.write.WellDescription;
import io.latentemu.data.write.WellWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsComputerTest {

    @TempDir
    Path dir;

    /** Our statistics of the train split equal the stats.yaml written with numpy (float64 sums, population std). */
    @ParameterizedTest
    @ValueSource(strings = {"advection_2d_tiny", "advection_2d_chunked"})
    void reproducesTheFixtureStatistics(String name) {
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture(name))) {
            WellSplit train = ds.split("train");
            WellStats ours = new StatsComputer().compute(train);
            WellStats numpy = WellStats.read(ds.statsFile().orElseThrow());
            WellMetadata m = train.metadata();
            for (String key : WellStats.KEYS) {
                for (FieldSpec f : m.fields()) {
                    double[] expected = numpy.values(key, f, 2);
                    double[] actual = ours.values(key, f, 2);
                    for (int i = 0; i < expected.length; i++) {
                        double scale = Math.max(1, Math.abs(expected[i]));
                        assertEquals(expected[i], actual[i], 1e-12 * scale, name + " " + key + "/" + f.name() + "[" + i + "]");
                    }
                }
            }
        }
    }

    /** Hand-computed statistics of a 2-step, 2-point trajectory, with and without log1p. */
    @Test
    void handComputedValuesAndTransform() {
        WellDescription d = WellDescription.builder("hand")
                .axis(io.latentemu.data.well.Axis.uniform("x", 2, 0, 1), io.latentemu.data.well.BoundaryType.PERIODIC)
                .field("u", 0).build();
        // states: t0 = [1, 3], t1 = [2, 6]
        Path file = dir.resolve("hand/data/train/a.hdf5");
        new WellWriter(d).write(file, List.of(new Trajectory(new float[]{1, 3, 2, 6}, new double[]{0, 1}, new double[0])));
        try (WellDataset ds = WellDataset.open(dir.resolve("hand"))) {
            WellStats s = new StatsComputer().compute(ds.split("train"));
            FieldSpec u = new FieldSpec("u", 0);
            assertEquals(3.0, s.values(WellStats.MEAN, u, 1)[0], 1e-15);
            assertEquals(Math.sqrt(3.5), s.values(WellStats.STD, u, 1)[0], 1e-15); // deviations -2, 0, -1, 3
            assertEquals(Math.sqrt(12.5), s.values(WellStats.RMS, u, 1)[0], 1e-15); // (1 + 9 + 4 + 36) / 4
            assertEquals(2.0, s.values(WellStats.MEAN_DELTA, u, 1)[0], 1e-15); // deltas 1, 3
            assertEquals(1.0, s.values(WellStats.STD_DELTA, u, 1)[0], 1e-15);
            assertEquals(Math.sqrt(5), s.values(WellStats.RMS_DELTA, u, 1)[0], 1e-15);

            WellStats logged = new StatsComputer(Map.of("u", FieldTransform.LOG1P), n -> { }).compute(ds.split("train"));
            double mean = (Math.log1p(1) + Math.log1p(3) + Math.log1p(2) + Math.log1p(6)) / 4;
            assertEquals(mean, logged.values(WellStats.MEAN, u, 1)[0], 1e-6);
            assertEquals(FieldTransform.LOG1P, logged.transform("u"));
        }
    }

    @Test
    void writtenStatisticsReadBack() throws IOException {
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture("advection_2d_tiny"))) {
            WellSplit train = ds.split("train");
            WellStats s = new StatsComputer(Map.of("density", FieldTransform.LOG1P), n -> { }).compute(train);
            Path out = dir.resolve("stats.yaml");
            s.write(out, train.metadata(), false);
            String text = Files.readString(out);
            assertTrue(text.contains("velocity:\n  -"), text);
            assertTrue(text.contains("transforms:\n  density: log1p"), text);
            WellStats back = WellStats.read(out);
            for (String key : WellStats.KEYS) {
                assertArrayEquals(s.channelValues(key, train.metadata()), back.channelValues(key, train.metadata()));
            }
            assertEquals(FieldTransform.LOG1P, back.transform("density"));
            assertThrows(WellDataException.class, () -> s.write(out, train.metadata(), false), "never overwrites");
        }
    }
}
