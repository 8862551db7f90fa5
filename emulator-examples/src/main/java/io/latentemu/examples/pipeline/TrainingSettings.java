package io.latentemu.examples.pipeline;

import io.latentemu.core.train.TrainerConfig;

/**
 * How a network of the pipeline is trained: the optimiser's settings (see core's {@link TrainerConfig}) and
 * the batch size. Part of the YAML configurations under the key {@code training}.
 *
 * @param steps             optimisation steps
 * @param batchSize         samples (states or windows) per step
 * @param learningRate      peak learning rate
 * @param warmupSteps       steps of linear warm-up
 * @param finalLearningRate learning rate at the last step (cosine decay in between)
 * @param weightDecay       decoupled weight decay (weight matrices and kernels only)
 * @param gradientClipNorm  global gradient norm above which gradients are scaled down (0: off)
 * @param emaDecay          decay of the moving average of the weights used for inference (0: off)
 * @param checkpointEvery   steps between checkpoints (one is always written at the end)
 * @param logEvery          steps between progress lines
 * @param seed              seed of the batches' order, the noise and the dropout
 */
public record TrainingSettings(long steps, int batchSize, double learningRate, long warmupSteps,
                               double finalLearningRate, double weightDecay, double gradientClipNorm,
                               double emaDecay, long checkpointEvery, long logEvery, long seed) {

    public TrainingSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        toTrainerConfig(steps, learningRate, warmupSteps, finalLearningRate, weightDecay, gradientClipNorm, emaDecay,
                checkpointEvery, logEvery, seed); // validates the rest
    }

    /** These settings with another number of steps (and the warm-up capped below it). */
    public TrainingSettings withSteps(long newSteps) {
        return new TrainingSettings(newSteps, batchSize, learningRate, Math.min(warmupSteps, Math.max(0, newSteps - 1)),
                finalLearningRate, weightDecay, gradientClipNorm, emaDecay, checkpointEvery, logEvery, seed);
    }

    /** These settings with another peak learning rate. */
    public TrainingSettings withLearningRate(double newLearningRate) {
        return new TrainingSettings(steps, batchSize, newLearningRate, warmupSteps, finalLearningRate, weightDecay,
                gradientClipNorm, emaDecay, checkpointEvery, logEvery, seed);
    }

    /** The optimiser's configuration. */
    public TrainerConfig trainerConfig() {
        return toTrainerConfig(steps, learningRate, warmupSteps, finalLearningRate, weightDecay, gradientClipNorm,
                emaDecay, checkpointEvery, logEvery, seed);
    }

    private static TrainerConfig toTrainerConfig(long steps, double learningRate, long warmupSteps,
                                                 double finalLearningRate, double weightDecay, double gradientClipNorm,
                                                 double emaDecay, long checkpointEvery, long logEvery, long seed) {
        return TrainerConfig.builder().steps(steps).learningRate(learningRate).warmupSteps(warmupSteps)
                .finalLearningRate(finalLearningRate).weightDecay(weightDecay).gradientClipNorm(gradientClipNorm)
                .emaDecay(emaDecay).checkpointEvery(checkpointEvery).keepCheckpoints(2).logEvery(logEvery).seed(seed)
                .build();
    }
}
