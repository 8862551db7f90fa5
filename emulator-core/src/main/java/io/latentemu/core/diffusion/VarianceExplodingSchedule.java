package io.latentemu.core.diffusion;

/**
 * A schedule with {@code alpha = 1}: only the noise grows, so {@code sigma} is also the noise-to-signal
 * ratio. Implementations define {@link #sigma(double)} only.
 */
public interface VarianceExplodingSchedule extends NoiseSchedule {

    @Override
    default double alpha(double t) {
        NoiseSchedule.checkTime(t);
        return 1.0;
    }

    @Override
    default double noiseToSignal(double t) {
        return sigma(t);
    }
}
