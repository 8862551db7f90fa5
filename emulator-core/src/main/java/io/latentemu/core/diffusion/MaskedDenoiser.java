package io.latentemu.core.diffusion;

import io.latentemu.core.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Conditions a denoiser on known entries: writes them into the noisy input with the study's
 * convention and clamps them in the output, so that sampling with it generates only the unknown entries.
 *
 * <p>Input: at known entries, {@code xt = sqrt(1 + sigma^2) y} where y is the clean known value (then
 * {@code c_in xt = y}: the network sees the context clean, at unit scale). Output: known entries are
 * replaced by y. Without context it passes everything through.
 */
public final class MaskedDenoiser implements Denoiser {

    private final Denoiser inner;

    /** Wraps {@code inner}, which receives the mask in its {@link Conditioning}. */
    public MaskedDenoiser(Denoiser inner) {
        this.inner = inner;
    }

    @Override
    public INDArray denoise(INDArray xt, INDArray sigma, Conditioning conditioning) {
        if (!conditioning.hasContext()) {
            return inner.denoise(xt, sigma, conditioning);
        }
        INDArray mu = inner.denoise(injectContext(xt, sigma, conditioning), sigma, conditioning);
        return clamp(mu, conditioning);
    }

    /**
     * {@code xt} with its known entries replaced by {@code sqrt(1 + sigma^2) y} (a new array). The training
     * objective builds its inputs with it too, so that networks see the same thing in both.
     */
    public static INDArray injectContext(INDArray xt, INDArray sigma, Conditioning conditioning) {
        if (!conditioning.hasContext()) {
            return xt;
        }
        INDArray scale = Transforms.sqrt(sigma.castTo(xt.dataType()).mul(sigma).addi(1.0), false);
        INDArray known = Broadcast.scaleRows(conditioning.values().castTo(xt.dataType()), scale);
        return blend(xt, known, conditioning.mask());
    }

    /** {@code x} with its known entries set to their clean values (a new array). */
    public static INDArray clamp(INDArray x, Conditioning conditioning) {
        if (!conditioning.hasContext()) {
            return x;
        }
        return blend(x, conditioning.values().castTo(x.dataType()), conditioning.mask());
    }

    /** {@code mask ? known : x}, elementwise, for a 0/1 mask. */
    private static INDArray blend(INDArray x, INDArray known, INDArray mask) {
        INDArray m = mask.castTo(x.dataType());
        // x (1 - m) + known m: exact for m in {0, 1} and finite values
        return x.mul(m.rsub(1.0)).addi(known.mul(m));
    }
}
