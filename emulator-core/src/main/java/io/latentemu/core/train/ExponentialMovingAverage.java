package io.latentemu.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An exponential moving average of the weights, {@code ema <- d ema + (1 - d) p} after every applied
 * update; evaluation with averaged weights is usually smoother than with the last ones.
 */
public final class ExponentialMovingAverage {

    private final double decay;
    private final Map<String, INDArray> average = new LinkedHashMap<>();

    /** Starts from a copy of the parameters. */
    public ExponentialMovingAverage(double decay, Map<String, INDArray> parameters) {
        this.decay = decay;
        parameters.forEach((name, p) -> average.put(name, p.dup()));
    }

    /** Moves the average towards the current parameters. */
    public void update(Map<String, INDArray> parameters) {
        parameters.forEach((name, p) -> average.get(name).muli(decay).addi(p.mul(1 - decay)));
    }

    /** The averaged weights by name (live arrays: copy them into a model to evaluate with them). */
    public Map<String, INDArray> parameters() {
        return average;
    }

    /** Restores saved averages. */
    public void restore(Map<String, INDArray> saved) {
        saved.forEach((name, a) -> average.get(name).assign(a));
    }
}
