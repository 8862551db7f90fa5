package io.latentemu.core.train;

import java.nio.file.Path;

/**
 * The outcome of {@link Trainer#run()}.
 *
 * @param steps          steps completed in total (including those before a resume)
 * @param skippedSteps   steps skipped because of non-finite gradients
 * @param lastLoss       loss of the last step
 * @param lastCheckpoint directory of the final checkpoint
 * @param resumedFrom    step the run resumed from, or 0 for a fresh start
 */
public record TrainingResult(long steps, long skippedSteps, double lastLoss, Path lastCheckpoint, long resumedFrom) {
}
