package io.latentemu.core.train;

/**
 * Learning rate per step: linear warm-up from 0 to the peak over {@code warmupSteps} steps (step n
 * gets {@code peak (n + 1) / warmupSteps}), then half a cosine from the peak towards {@code finalRate}:
 * step {@code warmupSteps + k} of {@code D = totalSteps - warmupSteps} gets
 * {@code finalRate + (peak - finalRate) (1 + cos(pi k / D)) / 2}, so the last step still learns.
 *
 * @param peak        peak learning rate
 * @param warmupSteps warm-up length, &ge; 0
 * @param totalSteps  steps of the run, &gt; warmupSteps
 * @param finalRate   learning rate of the last step
 */
public record WarmupCosineDecay(double peak, long warmupSteps, long totalSteps, double finalRate) {

    public WarmupCosineDecay {
        if (warmupSteps < 0 || totalSteps <= warmupSteps || peak <= 0 || finalRate < 0 || finalRate > peak) {
            throw new IllegalArgumentException("invalid schedule: peak " + peak + ", warm-up " + warmupSteps
                    + ", total " + totalSteps + ", final " + finalRate);
        }
    }

    /** Learning rate of step {@code step} (0-based). */
    public double rate(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return finalRate + (peak - finalRate) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
