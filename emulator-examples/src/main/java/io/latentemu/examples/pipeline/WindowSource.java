package io.latentemu.examples.pipeline;

import io.latentemu.core.train.BatchSource;
import io.latentemu.data.batch.Batch;
import io.latentemu.data.batch.BatchConfig;
import io.latentemu.data.batch.BatchPlan;
import io.latentemu.data.batch.WellBatches;
import io.latentemu.data.window.WindowReader;
import io.latentemu.data.window.WindowSpec;
import io.latentemu.models.emulator.WindowBatch;
import java.util.Arrays;
import java.util.function.LongFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training windows of an emulator: {@code L} consecutive states whose first {@code c} are the known context,
 * as models' {@link WindowBatch}es. The batch of step n is a pure function of n (shuffled per epoch with a
 * seed), so training resumes exactly. Two origins: latent trajectories held in memory (the encoded dataset)
 * or pixel states read from the dataset's files.
 */
public final class WindowSource implements BatchSource<WindowBatch> {

    private final LongFunction<WindowBatch> batches;
    private final int batchSize;
    private final String description;

    private WindowSource(LongFunction<WindowBatch> batches, int batchSize, String description) {
        this.batches = batches;
        this.batchSize = batchSize;
        this.description = description;
    }

    /**
     * Windows cut from trajectories in memory.
     *
     * @param trajectories states {@code [N, T, ...]} (latent or pixel)
     * @param parameters   simulation parameters {@code [N, P]}, or null
     * @param frames       window length L
     * @param context      known frames c
     */
    public static WindowSource inMemory(INDArray trajectories, INDArray parameters, int frames, int context,
                                        int batchSize, long seed) {
        int n = (int) trajectories.size(0);
        int perTrajectory = (int) trajectories.size(1) - frames + 1;
        if (perTrajectory < 1) {
            throw new IllegalArgumentException("trajectories of " + trajectories.size(1) + " states are shorter than a window of "
                    + frames);
        }
        if (n * perTrajectory < batchSize) {
            throw new IllegalArgumentException(n * perTrajectory + " windows, fewer than a batch of " + batchSize);
        }
        BatchPlan plan = new BatchPlan(n * perTrajectory, batchSize, true, true, seed);
        LongFunction<WindowBatch> f = step -> {
            int[] ids = plan.windowsOf(step);
            INDArray[] windows = new INDArray[ids.length];
            int[] rows = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                rows[i] = ids[i] / perTrajectory;
                int start = ids[i] % perTrajectory;
                INDArrayIndex[] idx = new INDArrayIndex[trajectories.rank()];
                Arrays.fill(idx, NDArrayIndex.all());
                idx[0] = NDArrayIndex.point(rows[i]);
                idx[1] = NDArrayIndex.interval(start, start + frames);
                windows[i] = trajectories.get(idx);
            }
            INDArray stacked = Nd4j.stack(0, windows);
            INDArray params = parameters == null ? null : Nd4j.pullRows(parameters, 1, rows);
            return WindowBatch.knownFrames(stacked, context, params);
        };
        return new WindowSource(f, batchSize, "windows of " + frames + " from " + Arrays.toString(trajectories.shape()));
    }

    /** Windows of normalised states read from a split of the dataset (pixel space). */
    public static WindowSource fromDataset(PipelineData data, String split, int frames, int context, int batchSize,
                                           long seed) {
        WindowReader reader = new WindowReader(data.split(split), new WindowSpec(context, frames - context, 1),
                data.normalizer());
        WellBatches wb = new WellBatches(reader, BatchConfig.builder(batchSize).seed(seed).prefetch(0).build());
        boolean hasParameters = data.parameterCount() > 0;
        LongFunction<WindowBatch> f = step -> {
            Batch b = wb.batch(step);
            INDArray windows = Nd4j.create(b.data(), Arrays.stream(b.shape()).asLongStream().toArray(), 'c');
            INDArray params = hasParameters
                    ? Nd4j.create(b.parameters(), Arrays.stream(b.parameterShape()).asLongStream().toArray(), 'c') : null;
            return WindowBatch.knownFrames(windows, context, params);
        };
        return new WindowSource(f, batchSize, "windows of " + frames + " from " + data.dataset().root() + "/" + split);
    }

    @Override
    public WindowBatch batch(long step) {
        return batches.apply(step);
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String toString() {
        return description;
    }
}
