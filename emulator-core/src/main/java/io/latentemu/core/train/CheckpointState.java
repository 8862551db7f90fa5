package io.latentemu.core.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything needed to continue a run exactly: the step reached, the weights, the optimiser's
 * moments and update count, and the moving average.
 *
 * @param step        steps completed
 * @param skipped     steps skipped so far for non-finite gradients
 * @param adamUpdates Adam's update count t
 * @param config      the run's settings
 * @param parameters  weights by name
 * @param firstMoment Adam's m by name
 * @param secondMoment Adam's v by name
 * @param ema         moving average by name, or null without one
 */
public record CheckpointState(long step, long skipped, long adamUpdates, TrainerConfig config,
                              Map<String, INDArray> parameters, Map<String, INDArray> firstMoment,
                              Map<String, INDArray> secondMoment, Map<String, INDArray> ema) {
}
