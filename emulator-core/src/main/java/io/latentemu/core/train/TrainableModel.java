package io.latentemu.core.train;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model the {@link Trainer} can optimise, whatever computes it (a SameDiff graph, plain ND4J code):
 * named parameter arrays that the optimiser updates in place, and the loss with its gradients on a batch.
 *
 * @param <B> the batch type, as produced by the {@link BatchSource}
 */
public interface TrainableModel<B> {

    /**
     * The parameters by name, in a stable order. The trainer updates these very arrays in place
     * ({@code assign}, {@code subi}), so they must be the arrays the model computes with.
     */
    Map<String, INDArray> parameters();

    /**
     * Whether decoupled weight decay applies to a parameter. The default decays arrays with at least
     * two axes longer than 1 (weight matrices, convolution kernels) and spares the others (biases and
     * normalisation gains, also when shaped {@code [1, D]} or {@code [C, 1, 1]}). Override it to decide
     * by name.
     */
    default boolean decays(String name) {
        INDArray p = parameters().get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        int longAxes = 0;
        for (long n : p.shape()) {
            if (n > 1) {
                longAxes++;
            }
        }
        return longAxes >= 2;
    }

    /**
     * The loss on a batch and its gradient with respect to every parameter (same names and shapes).
     * Must not change the parameters.
     *
     * @param batch the batch
     * @param seed  all randomness of this evaluation (noise levels, noise, dropout) must derive from it;
     *              the trainer also reseeds ND4J's global generator with it before the call
     */
    LossAndGradients lossAndGradients(B batch, long seed);
}
