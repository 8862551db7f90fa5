package io.latentemu.core.train;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

/**
 * Settings of a training run. Defaults follow the study: Adam(W) with lr 1e-4, betas (0.9, 0.999),
 * weight decay 0 (set it to decay weight matrices), cosine decay to 0 after a linear warm-up, gradient
 * norm clipped at 1.
 *
 * @param steps            optimisation steps in total, &ge; 1
 * @param learningRate     peak learning rate, &gt; 0
 * @param warmupSteps      steps of linear warm-up from 0 to the peak, in [0, steps)
 * @param finalLearningRate learning rate reached at the last step, in [0, learningRate]
 * @param beta1            Adam's first-moment decay, in [0, 1)
 * @param beta2            Adam's second-moment decay, in [0, 1)
 * @param epsilon          Adam's denominator guard, &gt; 0
 * @param weightDecay      decoupled weight decay per unit learning rate, &ge; 0 (applies where
 *                         {@link TrainableModel#decays(String)} says so)
 * @param gradientClipNorm global gradient norm above which gradients are scaled down; 0 disables
 * @param emaDecay         decay of the exponential moving average of the weights; 0 disables it
 * @param checkpointEvery  steps between checkpoints (one is always written at the end); 0 for the end only
 * @param keepCheckpoints  how many of the latest checkpoints to keep, &ge; 1
 * @param logEvery         steps between progress lines on the terminal, &ge; 1
 * @param seed             root of the run's randomness (batches draw theirs from the step)
 */
@JsonDeserialize(builder = TrainerConfig.Builder.class)
public record TrainerConfig(long steps, double learningRate, long warmupSteps, double finalLearningRate,
                            double beta1, double beta2, double epsilon, double weightDecay,
                            double gradientClipNorm, double emaDecay, long checkpointEvery, int keepCheckpoints,
                            long logEvery, long seed) {

    public TrainerConfig {
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got " + learningRate);
        require(warmupSteps >= 0 && warmupSteps < steps, "warmupSteps must be in [0, steps), got " + warmupSteps);
        require(finalLearningRate >= 0 && finalLearningRate <= learningRate,
                "finalLearningRate must be in [0, learningRate], got " + finalLearningRate);
        require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
        require(epsilon > 0, "epsilon must be > 0, got " + epsilon);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay must be >= 0, got " + weightDecay);
        require(gradientClipNorm >= 0, "gradientClipNorm must be >= 0 (0 disables), got " + gradientClipNorm);
        require(emaDecay >= 0 && emaDecay < 1, "emaDecay must be in [0, 1) (0 disables), got " + emaDecay);
        require(checkpointEvery >= 0, "checkpointEvery must be >= 0, got " + checkpointEvery);
        require(keepCheckpoints >= 1, "keepCheckpoints must be >= 1, got " + keepCheckpoints);
        require(logEvery >= 1, "logEvery must be >= 1, got " + logEvery);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().steps(steps).learningRate(learningRate).warmupSteps(warmupSteps)
                .finalLearningRate(finalLearningRate).beta1(beta1).beta2(beta2).epsilon(epsilon)
                .weightDecay(weightDecay).gradientClipNorm(gradientClipNorm).emaDecay(emaDecay)
                .checkpointEvery(checkpointEvery).keepCheckpoints(keepCheckpoints).logEvery(logEvery).seed(seed);
    }

    /** The learning-rate schedule these settings describe. */
    public WarmupCosineDecay schedule() {
        return new WarmupCosineDecay(learningRate, warmupSteps, steps, finalLearningRate);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds a {@link TrainerConfig}; every setter is optional. */
    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private long steps = 1000;
        private double learningRate = 1e-4;
        private long warmupSteps = 0;
        private double finalLearningRate = 0;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private double weightDecay = 0;
        private double gradientClipNorm = 1.0;
        private double emaDecay = 0;
        private long checkpointEvery = 0;
        private int keepCheckpoints = 2;
        private long logEvery = 10;
        private long seed = 0;

        public Builder steps(long v) {
            steps = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder warmupSteps(long v) {
            warmupSteps = v;
            return this;
        }

        public Builder finalLearningRate(double v) {
            finalLearningRate = v;
            return this;
        }

        public Builder beta1(double v) {
            beta1 = v;
            return this;
        }

        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder gradientClipNorm(double v) {
            gradientClipNorm = v;
            return this;
        }

        public Builder emaDecay(double v) {
            emaDecay = v;
            return this;
        }

        public Builder checkpointEvery(long v) {
            checkpointEvery = v;
            return this;
        }

        public Builder keepCheckpoints(int v) {
            keepCheckpoints = v;
            return this;
        }

        public Builder logEvery(long v) {
            logEvery = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public TrainerConfig build() {
            return new TrainerConfig(steps, learningRate, warmupSteps, finalLearningRate, beta1, beta2, epsilon,
                    weightDecay, gradientClipNorm, emaDecay, checkpointEvery, keepCheckpoints, logEvery, seed);
        }
    }
}
