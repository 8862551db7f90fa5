package io.latentemu.core.diffusion;

/**
 * Variance-exploding schedule with log sigma linear in t: {@code alpha = 1},
 * {@code sigma(t) = exp((1 - t) log sigmaMin + t log sigmaMax)}.
 *
 * @param sigmaMin noise level at t = 0, &gt; 0
 * @param sigmaMax noise level at t = 1, &gt; sigmaMin
 */
public record LogLinearSchedule(double sigmaMin, double sigmaMax) implements VarianceExplodingSchedule {

    /** The study's range, sigma in [1e-3, 1e3]. */
    public static LogLinearSchedule standard() {
        return new LogLinearSchedule(1e-3, 1e3);
    }

    public LogLinearSchedule {
        Schedules.checkRange("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
    }

    @Override
    public double sigma(double t) {
        NoiseSchedule.checkTime(t);
        return Math.exp((1 - t) * Math.log(sigmaMin) + t * Math.log(sigmaMax));
    }
}
