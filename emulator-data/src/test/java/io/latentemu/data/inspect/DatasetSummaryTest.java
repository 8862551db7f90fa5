package io.latentemu.data.inspect;

import io.latentemu.data.TestDatasets;
import io.latentemu.data.well.WellDataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetSummaryTest {

    @Test
    void summaryOfTheTinyFixture() {
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture("advection_2d_tiny"))) {
            DatasetSummary s = DatasetSummary.of(ds);
            String text = s.format();
            assertTrue(text.contains("dataset        advection_2d_tiny"), text);
            assertTrue(text.contains("grid           cartesian, 2-D, 32 x 48"), text);
            assertTrue(text.contains("axis x       32 points, uniform, spacing 0.03125, 0.015625 .. 0.984375"), text);
            assertTrue(text.contains("time           12 steps per trajectory, t = 0 .. 0.55"), text);
            assertTrue(text.contains("trajectories   train 6 (3 files), valid 2 (1 file), test 2 (1 file)"), text);
            assertTrue(text.contains("channels       4: density, pressure, velocity_x, velocity_y"), text);
            assertTrue(text.contains("parameter      tcool = 0.03, 0.1, 0.3"), text);
            assertTrue(text.contains("boundaries     x PERIODIC, y PERIODIC"), text);
            // stats.yaml: density mean 0.9999999999795195, std 0.149947318113882
            assertTrue(text.matches("(?s).*\\n  density +1 +0\\.149947\\n.*"), text);
            assertTrue(text.matches("(?s).*\\n  velocity_y +0\\.19726 +0\\.383447\\n.*"), text);
        }
    }

    @Test
    void singleFileUsesItsDatasetsStatistics() {
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture(
                "advection_2d_chunked/data/valid/advection_2d_chunked_tcool_0.03.hdf5"))) {
            DatasetSummary s = DatasetSummary.of(ds);
            assertEquals(2, s.splits().get(WellDataset.SINGLE_FILE_SPLIT)[0]);
            assertTrue(s.statsFile().endsWith("advection_2d_chunked/stats.yaml"), s.statsFile());
        }
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture("generated/features_3d.hdf5"))) {
            String text = DatasetSummary.of(ds).format();
            assertTrue(text.contains("statistics     none (no stats.yaml)"), text);
            assertTrue(text.contains("axis y       3 points, non-uniform, 0 .. 1"), text);
            assertTrue(text.contains("boundaries     x PERIODIC, y WALL, z OPEN"), text);
            assertTrue(text.contains("parameter      forcing = 1 (time-varying; first-step values)"), text);
            assertTrue(text.contains("(times differ per trajectory)"), text);
        }
    }

    @Test
    void numbers() {
        assertEquals("0.03125", DatasetSummary.num(0.03125));
        assertEquals("12", DatasetSummary.num(12));
        assertEquals("1.00000e-07", DatasetSummary.num(1e-7));
        assertEquals("0.1", DatasetSummary.num(0.1f));
    }
}
