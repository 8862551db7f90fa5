package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

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
    private Conditioning preparedFor;
    private PreparedContext prepared;

    /** Wraps {@code inner}, which receives the mask in its {@link Conditioning}. */
    public MaskedDenoiser(Denoiser inner) {
        this.inner = inner;
    }

    @Override
    public INDArray denoise(INDArray xt, INDArray sigma, Conditioning conditioning) {
        if (!conditioning.hasContext()) {
            return inner.denoise(xt, sigma, conditioning);
        }
        PreparedContext context = prepare(conditioning, xt);
        INDArray mu = inner.denoise(context.inject(xt, sigma), sigma, conditioning);
        return context.clamp(mu);
    }

    /**
     * The masked estimate written into {@code out} (shaped like xt, not aliasing it): as
     * {@link #denoise(INDArray, INDArray, Conditioning)} but without new state-sized arrays beyond what the
     * wrapped denoiser makes. The noisy input with its context goes to the wrapped denoiser in a buffer that
     * the next call reuses.
     */
    void denoiseInto(INDArray xt, INDArray sigma, Conditioning conditioning, INDArray out) {
        if (!conditioning.hasContext()) {
            out.assign(inner.denoise(xt, sigma, conditioning));
            return;
        }
        PreparedContext context = prepare(conditioning, xt);
        context.clampInto(inner.denoise(context.injectReusing(xt, sigma), sigma, conditioning), out);
    }

    /**
     * As {@link #denoise(INDArray, INDArray, Conditioning)} (a new array), with the wrapped denoiser's input in
     * the buffer that the next call reuses: for the extra evaluations of a sampler's step.
     */
    INDArray denoiseReusingInput(INDArray xt, INDArray sigma, Conditioning conditioning) {
        if (!conditioning.hasContext()) {
            return inner.denoise(xt, sigma, conditioning);
        }
        INDArray out = xt.ulike();
        denoiseInto(xt, sigma, conditioning, out);
        return out;
    }

    /** {@code x} with its known entries set to their values, reusing the prepared context. */
    INDArray clampContext(INDArray x, Conditioning conditioning) {
        return prepare(conditioning, x).clamp(x);
    }

    /** The prepared context, reused while the same conditioning comes back (one sampling run). */
    private synchronized PreparedContext prepare(Conditioning conditioning, INDArray like) {
        if (preparedFor != conditioning || prepared == null || !prepared.matches(like)) {
            prepared = new PreparedContext(conditioning, like.dataType());
            preparedFor = conditioning;
        }
        return prepared;
    }

    /**
     * {@code xt} with its known entries replaced by {@code sqrt(1 + sigma^2) y} (a new array). The training
     * objective builds its inputs with it too, so that networks see the same thing in both.
     */
    public static INDArray injectContext(INDArray xt, INDArray sigma, Conditioning conditioning) {
        if (!conditioning.hasContext()) {
            return xt;
        }
        return new PreparedContext(conditioning, xt.dataType()).inject(xt, sigma);
    }

    /** {@code x} with its known entries set to their clean values (a new array). */
    public static INDArray clamp(INDArray x, Conditioning conditioning) {
        if (!conditioning.hasContext()) {
            return x;
        }
        return new PreparedContext(conditioning, x.dataType()).clamp(x);
    }
}
