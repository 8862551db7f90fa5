package io.latentemu.data.batch;

import io.latentemu.data.TestDatasets;
import io.latentemu.data.augment.AugmentationConfig;
import io.latentemu.data.norm.NormalizationConfig;
import io.latentemu.data.norm.Normalizer;
import io.latentemu.data.norm.WellStats;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellSplit;
import io.latentemu.data.window.Window;
import io.latentemu.data.window.WindowReader;
import io.latentemu.data.window.WindowSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchTest {

    WellDataset dataset;
    WindowReader reader;

    @BeforeEach
    void open() {
        dataset = WellDataset.open(TestDatasets.fixture("advection_2d_chunked"));
        WellSplit train = dataset.split("train");
        Normalizer n = Normalizer.create(train.metadata(), WellStats.read(dataset.statsFile().orElseThrow()),
                NormalizationConfig.zscore());
        reader = new WindowReader(train, new WindowSpec(1, 4, 1), n); // 2 files x 2 trajectories x 8 windows
    }

    @AfterEach
    void close() {
        dataset.close();
    }

    @Test
    void shapesAndContent() {
        WellBatches batches = new WellBatches(reader, BatchConfig.builder(5).seed(1).build());
        assertEquals(32, reader.size());
        assertEquals(6, batches.batchesPerEpoch());
        Batch b = batches.batch(0);
        assertArrayEquals(new int[]{5, 5, 4, 32, 32}, b.shape());
        assertEquals(5 * 5 * 4 * 32 * 32, b.data().length);
        assertArrayEquals(new int[]{5, 1}, b.parameterShape());
        for (int i = 0; i < 5; i++) {
            Window w = reader.read(b.windows()[i]);
            assertArrayEquals(w.data(), Arrays.copyOfRange(b.data(), i * reader.windowSize(), (i + 1) * reader.windowSize()));
            assertEquals(w.parameters()[0], b.parameters()[i]);
        }
    }

    /** Every window once per epoch; a fresh order each epoch; the same order for the same seed. */
    @Test
    void seededShufflePerEpoch() {
        WellBatches batches = new WellBatches(reader, BatchConfig.builder(5).seed(7).dropLast(false).build());
        assertEquals(7, batches.batchesPerEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            Set<Integer> seen = new HashSet<>();
            for (int k = 0; k < 7; k++) {
                Batch b = batches.batch(epoch * 7L + k);
                assertEquals(epoch, b.epoch());
                assertEquals(k < 6 ? 5 : 2, b.size(), "the last batch keeps the 2 remaining windows");
                for (int w : b.windows()) {
                    seen.add(w);
                }
            }
            assertEquals(32, seen.size());
        }
        assertFalse(Arrays.equals(batches.plan().permutation(0), batches.plan().permutation(1)));
        WellBatches again = new WellBatches(reader, BatchConfig.builder(5).seed(7).dropLast(false).build());
        assertArrayEquals(batches.plan().permutation(2), again.plan().permutation(2));
        WellBatches otherSeed = new WellBatches(reader, BatchConfig.builder(5).seed(8).dropLast(false).build());
        assertFalse(Arrays.equals(batches.plan().permutation(0), otherSeed.plan().permutation(0)));
        WellBatches ordered = new WellBatches(reader, BatchConfig.builder(5).shuffle(false).build());
        assertArrayEquals(new int[]{10, 11, 12, 13, 14}, ordered.batch(2).windows());
        assertArrayEquals(new int[]{0, 1, 2, 3, 4}, ordered.batch(6).windows(), "epoch 1 starts over");
    }

    /** A run resumed at step n sees the batches the uninterrupted run saw, with prefetching and augmentation. */
    @Test
    void resumingGivesTheSameBatches() {
        BatchConfig config = BatchConfig.builder(4).seed(3).prefetch(3).workers(2)
                .augmentation(AugmentationConfig.all()).build();
        WellBatches first = new WellBatches(reader, config);
        Batch[] uninterrupted = new Batch[20];
        try (BatchStream s = first.stream(0, 20)) {
            for (int i = 0; i < 20; i++) {
                uninterrupted[i] = s.next();
            }
            assertFalse(s.hasNext());
        }
        WellBatches resumed = new WellBatches(reader, config);
        try (BatchStream s = resumed.stream(13)) {
            for (int i = 13; i < 20; i++) {
                Batch b = s.next();
                assertEquals(i, b.step());
                assertArrayEquals(uninterrupted[i].windows(), b.windows());
                assertArrayEquals(uninterrupted[i].data(), b.data());
                assertArrayEquals(uninterrupted[i].parameters(), b.parameters());
            }
        }
        assertArrayEquals(uninterrupted[5].data(), new WellBatches(reader, config).batch(5).data(), "random access");
        // augmentation is on: the same window in two different steps is (almost surely) transformed differently
        WellBatches plain = new WellBatches(reader, BatchConfig.builder(4).seed(3).build());
        assertArrayEquals(uninterrupted[2].windows(), plain.batch(2).windows());
        assertNotEquals(Arrays.hashCode(uninterrupted[2].data()), Arrays.hashCode(plain.batch(2).data()));
    }

    @Test
    void tooLargeBatchesAreRefusedWhenDroppingTheLast() {
        assertThrows(IllegalArgumentException.class, () -> new WellBatches(reader, BatchConfig.builder(33).build()));
        assertEquals(1, new WellBatches(reader, BatchConfig.builder(33).dropLast(false).build()).batchesPerEpoch());
    }
}
