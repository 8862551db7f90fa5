package io.latentemu.core.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of one evaluation of a {@link TrainableModel}.
 *
 * @param loss      the scalar loss
 * @param gradients gradient of the loss for each parameter name, shaped like the parameter
 */
public record LossAndGradients(double loss, Map<String, INDArray> gradients) {

    public LossAndGradients {
        if (gradients == null) {
            throw new IllegalArgumentException("gradients are required");
        }
        gradients = Map.copyOf(gradients);
    }
}
