package io.latentemu.models.emulator;

import io.latentemu.core.diffusion.Conditioning;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training batch of a window model: clean windows {@code [B, L, C, H, W]} and what is known about them
 * (typically the first frames, {@link Conditioning#knownFrames}) plus their simulation parameters.
 *
 * @param windows      clean windows
 * @param conditioning context values and mask (shaped like {@code windows}) and parameters {@code [B, P]}
 */
public record WindowBatch(INDArray windows, Conditioning conditioning) {

    /** Checks that the parts belong together. */
    public WindowBatch {
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(conditioning, "conditioning");
        if (conditioning.hasContext() && !Arrays.equals(conditioning.shape(), windows.shape())) {
            throw new IllegalArgumentException("context " + Arrays.toString(conditioning.shape())
                    + " must be shaped like the windows " + Arrays.toString(windows.shape()));
        }
    }

    /** Windows whose first {@code known} frames are the context. */
    public static WindowBatch knownFrames(INDArray windows, int known, INDArray parameters) {
        return new WindowBatch(windows, Conditioning.knownFrames(windows, known, parameters));
    }
}
