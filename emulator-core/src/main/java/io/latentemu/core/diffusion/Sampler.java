package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws samples from the distribution a {@link Denoiser} has learned, keeping known entries fixed.
 * {@link DiffusionSampler} implements every method of the library (DDPM, DDIM, Euler, Heun,
 * Adams-Bashforth, DPM-Solver++(2M), predictor-corrector) through one integration loop.
 */
public interface Sampler {

    /**
     * Generates one tensor per row.
     *
     * @param denoiser     the learned (or analytic) denoiser
     * @param shape        {@code [B, ...]} of the result; must match the conditioning's shape if it has context
     * @param conditioning context (known entries are clamped to their values) and parameters
     * @param noise        randomness, one seed per row ({@code noise.rows() == B})
     * @return samples on the scale of clean data, shaped {@code shape}, in the default floating-point type
     */
    INDArray sample(Denoiser denoiser, long[] shape, Conditioning conditioning, NoiseSource noise);
}
