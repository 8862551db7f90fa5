package io.latentemu.examples.pipeline;

import io.latentemu.core.train.BatchSource;
import io.latentemu.data.batch.Batch;
import io.latentemu.data.batch.BatchConfig;
import io.latentemu.data.batch.WellBatches;
import io.latentemu.data.window.WindowReader;
import io.latentemu.data.window.WindowSpec;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches of single normalised states {@code [B, C, H, W]} drawn from every step of every train trajectory,
 * for the autoencoder: the data layer's deterministic batches (the batch of step n is a pure function of n),
 * seen as core's {@link BatchSource}.
 */
public final class StateBatches implements BatchSource<INDArray> {

    private final WellBatches batches;

    /**
     * @param data      the dataset
     * @param split     usually "train"
     * @param batchSize states per batch
     * @param seed      seed of the shuffling
     */
    public StateBatches(PipelineData data, String split, int batchSize, long seed) {
        WindowReader reader = new WindowReader(data.split(split), new WindowSpec(1, 0, 1), data.normalizer());
        if (reader.size() < batchSize) {
            throw new IllegalArgumentException("split '" + split + "' has " + reader.size() + " states, fewer than a batch of "
                    + batchSize);
        }
        this.batches = new WellBatches(reader, BatchConfig.builder(batchSize).seed(seed).prefetch(0).build());
    }

    @Override
    public INDArray batch(long step) {
        Batch b = batches.batch(step);
        int[] s = b.shape(); // [B, 1, C, H, W]
        return Nd4j.create(b.data(), new long[] {s[0], s[2], s[3], s[4]}, 'c');
    }

    @Override
    public int batchSize() {
        return batches.batchSize();
    }

    @Override
    public String toString() {
        return "StateBatches" + Arrays.toString(batches.reader().windowShape());
    }
}
