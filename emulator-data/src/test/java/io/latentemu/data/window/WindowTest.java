package io.latentemu.data.window;

import io.latentemu.data.TestDatasets;
import io.latentemu.data.norm.NormalizationConfig;
import io.latentemu.data.norm.Normalizer;
import io.latentemu.data.norm.WellStats;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellSplit;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WindowTest {

    @Test
    void theWellsWindowCount() {
        assertEquals(12 - 4, new WindowSpec(4, 1, 1).windowsPerTrajectory(12));
        assertEquals(12 - 3 * 2, new WindowSpec(1, 2, 3).windowsPerTrajectory(12));
        assertEquals(0, new WindowSpec(5, 5, 2).windowsPerTrajectory(12));
        assertEquals(12, new WindowSpec(1, 0, 7).windowsPerTrajectory(12));
        assertEquals(7, new WindowSpec(2, 2, 2).span());
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new WindowSpec(1, 1, 0));
    }

    @Test
    void oneIndexOverAllFilesOfASplit() {
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture("advection_2d_tiny"))) {
            WellSplit train = ds.split("train");
            assertEquals(3, train.files().size());
            assertEquals("advection_2d_tiny_tcool_0.03.hdf5", train.files().get(0).path().getFileName().toString());
            assertEquals("advection_2d_tiny_tcool_0.3.hdf5", train.files().get(2).path().getFileName().toString());
            WindowIndex index = WindowIndex.of(train, new WindowSpec(4, 1, 1));
            assertEquals(3 * 2 * 8, index.size());
            assertEquals(new WindowRef(0, 0, 0), index.get(0));
            assertEquals(new WindowRef(0, 0, 7), index.get(7));
            assertEquals(new WindowRef(0, 1, 0), index.get(8));
            assertEquals(new WindowRef(1, 0, 0), index.get(16));
            assertEquals(new WindowRef(2, 1, 7), index.get(47));
            Set<WindowRef> all = new HashSet<>();
            for (int i = 0; i < index.size(); i++) {
                all.add(index.get(i));
            }
            assertEquals(48, all.size());
            assertThrows(IndexOutOfBoundsException.class, () -> index.get(48));
            assertEquals(3 * 2 * 6, WindowIndex.of(train, new WindowSpec(1, 2, 3)).size());
        }
    }

    @Test
    void readerReturnsNormalisedStridedStatesAndTheirParameters() {
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture("advection_2d_tiny"))) {
            WellSplit train = ds.split("train");
            Normalizer n = Normalizer.create(train.metadata(), WellStats.read(ds.statsFile().orElseThrow()),
                    NormalizationConfig.zscore());
            WindowReader reader = new WindowReader(train, new WindowSpec(2, 1, 3), n);
            assertArrayEquals(new int[]{3, 4, 32, 48}, reader.windowShape());
            int i = reader.index().size() - 5; // file 2, trajectory 1
            Window w = reader.read(i);
            assertEquals(new WindowRef(2, 1, 1), w.ref());
            assertArrayEquals(new float[]{0.3f}, w.parameters());
            WellFile f = train.files().get(2);
            int frame = train.metadata().frameSize();
            for (int l = 0; l < 3; l++) {
                float[] state = f.readWindow(1, 1 + 3 * l, 1, 1);
                n.normalize(state, 0, 1);
                assertArrayEquals(state, Arrays.copyOfRange(w.data(), l * frame, (l + 1) * frame));
            }
        }
    }
}
