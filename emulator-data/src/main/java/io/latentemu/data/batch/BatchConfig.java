package io.latentemu.data.batch;

import io.latentemu.data.augment.AugmentationConfig;

/**
 * How windows are grouped into training batches.
 *
 * @param batchSize    windows per batch
 * @param seed         seed of the shuffling and the augmentations
 * @param shuffle      whether each epoch visits the windows in a fresh random order (seeded by seed and epoch)
 * @param dropLast     whether to drop the last, incomplete batch of an epoch (else it is smaller)
 * @param prefetch     batches prepared ahead by {@link BatchStream} in the background (0: none)
 * @param workers      background threads preparing batches
 * @param augmentation symmetry augmentations (off by default)
 */
public record BatchConfig(int batchSize, long seed, boolean shuffle, boolean dropLast, int prefetch, int workers,
                          AugmentationConfig augmentation) {

    public BatchConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (prefetch < 0) {
            throw new IllegalArgumentException("prefetch must be at least 0, got " + prefetch);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (augmentation == null) {
            augmentation = AugmentationConfig.none();
        }
    }

    public static Builder builder(int batchSize) {
        return new Builder(batchSize);
    }

    /** Builds a {@link BatchConfig}; defaults: seed 0, shuffle, drop last, prefetch 2, one worker, no augmentation. */
    public static final class Builder {
        private final int batchSize;
        private long seed;
        private boolean shuffle = true;
        private boolean dropLast = true;
        private int prefetch = 2;
        private int workers = 1;
        private AugmentationConfig augmentation = AugmentationConfig.none();

        private Builder(int batchSize) {
            this.batchSize = batchSize;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder augmentation(AugmentationConfig augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        public BatchConfig build() {
            return new BatchConfig(batchSize, seed, shuffle, dropLast, prefetch, workers, augmentation);
        }
    }
}
