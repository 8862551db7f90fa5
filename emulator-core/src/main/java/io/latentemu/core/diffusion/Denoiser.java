package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Estimates clean data from noisy data: returns {@code E[x | x_t]} for each row of a batch.
 *
 * <p>Denoisers work in the variance-exploding form {@code xt = x + sigma eps}: samplers and training
 * objectives divide {@code alpha(t) x + sigma(t) eps} by {@code alpha(t)} and pass
 * {@code sigma = sigma(t)/alpha(t)} ({@link NoiseSchedule#noiseToSignal(double)}), so one trained
 * network serves every schedule. A network-backed denoiser typically applies {@link Preconditioning}
 * with alpha = 1: {@code mu = c_skip xt + c_out F(c_in xt, c_noise)}.
 *
 * <p>Context ({@link Conditioning#mask()} = 1) follows the study's convention, applied by
 * {@link MaskedDenoiser} when sampling and by {@link DenoisingTask} when training: at known entries
 * {@code xt} holds {@code sqrt(1 + sigma^2)} times the clean value, so that {@code c_in xt} is the clean
 * value itself, and the mask is an input of the network. Implementations need not clamp their output.
 *
 * <p>Implementations must not modify their arguments, nor keep them after returning: samplers pass the noisy
 * input in a buffer that they reuse for the next call (copy it to keep it). The SameDiff networks of {@code emulator-models}
 * and the analytic {@link GaussianDenoiser} implement it.
 */
@FunctionalInterface
public interface Denoiser {

    /**
     * @param xt           noisy tensor {@code [B, ...]}, e.g. a window {@code [B, L, C, H, W]}
     * @param sigma        noise level of each row, {@code [B]}, in the data type of xt
     * @param conditioning context and simulation parameters of the rows (never null; may be
     *                     {@link Conditioning#none()})
     * @return the estimate of the clean tensor, shaped like {@code xt}
     */
    INDArray denoise(INDArray xt, INDArray sigma, Conditioning conditioning);
}
