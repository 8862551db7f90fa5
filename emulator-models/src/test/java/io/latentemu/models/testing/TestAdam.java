package io.latentemu.models.testing;

import io.latentemu.core.train.LossAndGradients;
import io.latentemu.core.train.TrainableModel;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A plain Adam loop for the trainability tests, independent of core's trainer: it drives any
 * {@link TrainableModel} through its public contract (parameters updated in place, loss and gradients).
 */
public final class TestAdam {

    private final double lr;
    private final Map<String, INDArray> m = new HashMap<>();
    private final Map<String, INDArray> v = new HashMap<>();
    private int t;

    public TestAdam(double lr) {
        this.lr = lr;
    }

    /** Runs {@code steps} steps and returns the loss of every step. */
    public <B> double[] run(TrainableModel<B> model, LongFunction<B> batches, int steps) {
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            LossAndGradients lg = model.lossAndGradients(batches.apply(s), 1000L + s);
            losses[s] = lg.loss();
            step(model.parameters(), lg.gradients());
        }
        return losses;
    }

    private void step(Map<String, INDArray> params, Map<String, INDArray> grads) {
        t++;
        double b1 = 0.9;
        double b2 = 0.999;
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray g = grads.get(e.getKey());
            INDArray mi = m.computeIfAbsent(e.getKey(), k -> g.ulike().assign(0));
            INDArray vi = v.computeIfAbsent(e.getKey(), k -> g.ulike().assign(0));
            mi.muli(b1).addi(g.mul(1 - b1));
            vi.muli(b2).addi(g.mul(g).muli(1 - b2));
            INDArray update = mi.div(c1).divi(Transforms.sqrt(vi.div(c2), false).addi(1e-8)).muli(lr);
            e.getValue().subi(update);
        }
    }

    /** Mean of {@code values[from, to)}. */
    public static double mean(double[] values, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += values[i];
        }
        return s / (to - from);
    }
}
