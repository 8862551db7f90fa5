package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One corrupted training batch in the variance-exploding form a {@link Denoiser} takes.
 *
 * @param xt     noisy inputs {@code x + sigma eps}, with known entries written as
 *               {@code sqrt(1 + sigma^2) x} ({@link MaskedDenoiser#injectContext})
 * @param sigma  noise level per row {@code [B]} (sigma/alpha of the schedule at the drawn time)
 * @param weight loss weight per row {@code [B]}, {@link Preconditioning#lossWeight}
 * @param times  the diffusion times drawn, one per row
 */
public record NoisyBatch(INDArray xt, INDArray sigma, INDArray weight, double[] times) {
}
