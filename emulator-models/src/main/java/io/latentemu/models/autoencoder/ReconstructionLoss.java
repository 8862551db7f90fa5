package io.latentemu.models.autoencoder;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The error an autoencoder is trained to minimise between a batch of states {@code x} and their reconstructions
 * {@code y}, both {@code [N, C, H, W]}.
 *
 * <ul>
 *   <li>{@link #MSE}: {@code mean((y - x)^2)} over every element, the squared error of the normalised fields.</li>
 *   <li>{@link #VRMSE}: the square of the variance-scaled RMSE, {@code mean over (n, c) of
 *       mean_hw((y - x)^2) / (var_hw(x) + eps)}. Every state and channel weighs the same whatever its spatial
 *       variance, as in the VRMSE the pipeline evaluates reconstructions with; {@code eps} keeps nearly
 *       uniform fields from dominating.</li>
 * </ul>
 */
public enum ReconstructionLoss {
    /** Mean squared error of the normalised fields. */
    MSE,
    /** Mean over states and channels of the squared error divided by the state's spatial variance. */
    VRMSE;

    /** Added to each state's spatial variance (normalised units) in {@link #VRMSE}. */
    public static final double VARIANCE_EPSILON = 1e-2;

    /** The scalar loss of a batch. */
    public SDVariable of(SDVariable reconstruction, SDVariable states) {
        SDVariable error = reconstruction.sub(states);
        SDVariable squared = error.mul(error);   // x*x: square's gradient (a generic pow) is 4x slower
        if (this == MSE) {
            return squared.mean();
        }
        SDVariable perField = squared.mean(false, 2, 3);                     // [N, C]
        SDVariable centred = states.sub(states.mean(true, 2, 3));
        SDVariable variance = centred.mul(centred).mean(false, 2, 3).add(VARIANCE_EPSILON);
        return perField.div(variance).mean();
    }
}
