package io.latentemu.data.batch;

import io.latentemu.data.augment.Augmenter;
import io.latentemu.data.window.WindowReader;

import java.util.SplittableRandom;

/**
 * Training batches from the windows of a split: {@link #batch(long)} builds the batch of any global step
 * deterministically (same windows, same order, same augmentations, whatever was asked before), and
 * {@link #stream(long)} prepares the following steps in the background. Each window is read raw, augmented
 * (if enabled), then normalised by the reader's normaliser.
 */
public final class WellBatches {

    private final WindowReader reader;
    private final BatchConfig config;
    private final BatchPlan plan;
    private final Augmenter augmenter;

    public WellBatches(WindowReader reader, BatchConfig config) {
        this.reader = reader;
        this.config = config;
        this.plan = new BatchPlan(reader.size(), config.batchSize(), config.shuffle(), config.dropLast(), config.seed());
        this.augmenter = Augmenter.of(reader.metadata(), config.augmentation());
    }

    public WindowReader reader() {
        return reader;
    }

    public BatchConfig config() {
        return config;
    }

    public BatchPlan plan() {
        return plan;
    }

    public Augmenter augmenter() {
        return augmenter;
    }

    /** Samples per full batch. */
    public int batchSize() {
        return config.batchSize();
    }

    public long batchesPerEpoch() {
        return plan.batchesPerEpoch();
    }

    /** The batch of global step {@code step}: a pure function of the step and the configuration. */
    public Batch batch(long step) {
        int[] windows = plan.windowsOf(step);
        int b = windows.length;
        int[] windowShape = reader.windowShape();
        int[] shape = new int[windowShape.length + 1];
        shape[0] = b;
        System.arraycopy(windowShape, 0, shape, 1, windowShape.length);
        int size = reader.windowSize();
        int p = reader.parameterCount();
        int length = reader.spec().length();
        float[] data = new float[Math.multiplyExact(b, size)];
        float[] params = new float[b * p];
        for (int i = 0; i < b; i++) {
            reader.readRaw(windows[i], data, i * size, params, i * p);
            if (augmenter.active()) {
                SplittableRandom rng = new SplittableRandom(Seeds.mix(config.seed(), step, i, 0xa46e47L));
                augmenter.apply(augmenter.draw(rng), data, i * size, length);
            }
        }
        reader.normalizer().normalize(data, 0, b * length);
        return new Batch(step, plan.epochOf(step), data, shape, params, windows);
    }

    /** Batches of steps {@code fromStep, fromStep + 1, ...} without end, prepared ahead in the background. */
    public BatchStream stream(long fromStep) {
        return new BatchStream(this, fromStep, Long.MAX_VALUE, config.prefetch(), config.workers());
    }

    /** Batches of steps {@code fromStep} to {@code toStep - 1}, prepared ahead in the background. */
    public BatchStream stream(long fromStep, long toStep) {
        return new BatchStream(this, fromStep, toStep, config.prefetch(), config.workers());
    }
}
