package io.latentemu.core.rollout;

import io.latentemu.core.diffusion.Conditioning;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A deterministic network that completes a window: given the known entries (the context frames) and
 * their mask, it predicts the whole window in one pass. The study's "neural solver"; the
 * {@link DeterministicEmulator} turns it into an {@link Emulator}.
 */
@FunctionalInterface
public interface WindowPredictor {

    /**
     * @param conditioning known values (zero elsewhere), mask and simulation parameters; its values are
     *                     shaped like the window, {@code [N, L, ...]}
     * @return the predicted window {@code [N, L, ...]} (known frames may hold anything)
     */
    INDArray predict(Conditioning conditioning);
}
