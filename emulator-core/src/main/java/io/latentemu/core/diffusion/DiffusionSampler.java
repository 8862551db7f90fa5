package io.latentemu.core.diffusion;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reverse-diffusion loop shared by all samplers: a grid of {@code steps + 1} times uniform from
 * t = 1 to t = 0, noise levels {@code sigma_i = sigma(t_i)/alpha(t_i)} from the schedule, a start
 * {@code x = sqrt(1 + sigma_0^2) eps} (the prior N(0, 1 + sigma_max^2) of unit-variance data), then
 * per step one denoiser evaluation and the {@link StepRule}. Known entries are handled by
 * {@link MaskedDenoiser} and clamped in the result.
 *
 * <p>It works in the variance-exploding form and returns {@code x_0 / alpha(0)}, the sample on the
 * scale of clean data (up to the residual noise sigma_min).
 *
 * @param schedule noise schedule defining the grid
 * @param steps    number of steps, &ge; 1
 * @param rule     the integrator
 */
public record DiffusionSampler(NoiseSchedule schedule, int steps, StepRule rule) implements Sampler {

    public DiffusionSampler {
        if (schedule == null || rule == null) {
            throw new IllegalArgumentException("a sampler needs a schedule and a step rule");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
    }

    /** The study's sampler: log-logit schedule on [1e-3, 1e3], 16 steps of third-order Adams-Bashforth. */
    public static DiffusionSampler study() {
        return new DiffusionSampler(LogLogitSchedule.standard(), 16, new AdamsBashforthStep(3));
    }

    /** The noise levels {@code sigma_0 > ... > sigma_steps} the loop visits. */
    public double[] noiseLevels() {
        double[] s = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            s[i] = schedule.noiseToSignal(1.0 - (double) i / steps);
        }
        for (int i = 1; i <= steps; i++) {
            if (!(s[i] < s[i - 1]) || s[i] < 0) {
                throw new IllegalStateException("schedule " + schedule + " does not give decreasing noise levels: "
                        + Arrays.toString(s));
            }
        }
        return s;
    }

    /** Denoiser calls one sample costs. */
    public int evaluations() {
        return steps * rule.evaluationsPerStep();
    }

    @Override
    public INDArray sample(Denoiser denoiser, long[] shape, Conditioning conditioning, NoiseSource noise) {
        DataType type = conditioning.hasContext() ? conditioning.values().dataType() : Nd4j.defaultFloatingPointType();
        if (!type.isFPType()) {
            type = Nd4j.defaultFloatingPointType();
        }
        return sampleFrom(denoiser, noise.gaussian(type, shape, 0), conditioning, noise);
    }

    /**
     * Runs the loop from given standard Gaussian noise (deterministic rules map the same noise to the
     * same sample).
     *
     * @param initialNoise N(0, I) draws, {@code [B, ...]}; its data type is the working type
     * @param noise        source of the later draws of stochastic rules
     */
    public INDArray sampleFrom(Denoiser denoiser, INDArray initialNoise, Conditioning conditioning, NoiseSource noise) {
        if (conditioning.hasContext() && !Arrays.equals(conditioning.shape(), initialNoise.shape())) {
            throw new IllegalArgumentException("noise shape " + Arrays.toString(initialNoise.shape())
                    + " differs from the context shape " + Arrays.toString(conditioning.shape()));
        }
        double[] sigma = noiseLevels();
        MaskedDenoiser masked = new MaskedDenoiser(denoiser);
        StepContext ctx = new StepContext(masked, conditioning, noise, steps, rule.memory());
        INDArray x = initialNoise.mul(Math.sqrt(1 + sigma[0] * sigma[0]));
        for (int i = 0; i < steps; i++) {
            ctx.begin(i, x, sigma[i], sigma[i + 1]);
            x = rule.advance(ctx);
        }
        return conditioning.hasContext() ? masked.clampContext(x, conditioning) : x;
    }
}
