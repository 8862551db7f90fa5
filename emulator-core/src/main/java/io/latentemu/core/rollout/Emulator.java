package io.latentemu.core.rollout;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predicts the next states of a trajectory from its last ones: given {@link #context()} states, returns
 * the following {@link #window()} - {@link #context()} states. One call is one step of an
 * autoregressive {@link Rollout}.
 *
 * <p>Implemented by the diffusion emulator ({@link DiffusionEmulator}: samples the window with the
 * context clamped), the deterministic emulator ({@link DeterministicEmulator}: a network predicts the
 * missing frames) and {@link PersistenceEmulator} (repeats the last state), so that every comparison
 * runs through the same rollout. Emulators work in whatever space the states are given in (latent or
 * pixel); the {@link LatentCodec} is the rollout's business.
 */
public interface Emulator {

    /** Frames per window L (context plus generated). */
    int window();

    /** Known frames per call c, 1 &le; c &lt; L. */
    int context();

    /** New states per call, L - c. */
    default int horizon() {
        return window() - context();
    }

    /**
     * The next {@link #horizon()} states of each row.
     *
     * @param context    the last c states of each row, {@code [N, c, ...]} (a state is e.g. {@code [C, H, W]})
     * @param parameters simulation parameters {@code [N, P]}, or null
     * @param seeds      one seed per row for stochastic emulators (ignored by deterministic ones)
     * @return {@code [N, L - c, ...]}
     */
    INDArray next(INDArray context, INDArray parameters, long[] seeds);
}
