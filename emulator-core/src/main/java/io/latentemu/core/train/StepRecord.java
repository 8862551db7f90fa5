package io.latentemu.core.train;

/**
 * What happened at one optimisation step.
 *
 * @param step         0-based step index
 * @param loss         the batch loss (before the update)
 * @param learningRate the learning rate used
 * @param gradientNorm global norm of the gradients before clipping
 * @param skipped      true when the gradients were not finite and no update was made
 */
public record StepRecord(long step, double loss, double learningRate, double gradientNorm, boolean skipped) {
}
