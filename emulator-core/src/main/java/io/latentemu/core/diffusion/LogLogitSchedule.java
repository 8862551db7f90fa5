package io.latentemu.core.diffusion;

/**
 * The study's default variance-exploding schedule: {@code alpha = 1} and sigma is the odds of a time
 * mapped linearly into [tMin, tMax]:
 * {@code u = tMin + t (tMax - tMin)}, {@code sigma = u / (1 - u)}, with {@code tMin = sMin / (1 + sMin)}
 * and {@code tMax = sMax / (1 + sMax)} so that sigma(0) = sigmaMin and sigma(1) = sigmaMax.
 *
 * <p>Its log sigma is the logit of u: steps are dense at both ends of the noise range and spend most of
 * the grid near sigma ~ 1, where denoising is hardest. Its noise-to-signal ratio equals that of a
 * {@link RectifiedFlowSchedule} with the same range.
 *
 * @param sigmaMin noise level at t = 0, &gt; 0
 * @param sigmaMax noise level at t = 1, &gt; sigmaMin
 */
public record LogLogitSchedule(double sigmaMin, double sigmaMax) implements VarianceExplodingSchedule {

    /** The study's range, sigma in [1e-3, 1e3]. */
    public static LogLogitSchedule standard() {
        return new LogLogitSchedule(1e-3, 1e3);
    }

    public LogLogitSchedule {
        Schedules.checkRange("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
    }

    @Override
    public double sigma(double t) {
        NoiseSchedule.checkTime(t);
        double u = Schedules.oddsTime(sigmaMin, sigmaMax, t);
        return u / (1 - u);
    }
}
