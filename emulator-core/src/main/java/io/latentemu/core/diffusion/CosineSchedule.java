package io.latentemu.core.diffusion;

/**
 * Variance-preserving cosine schedule: {@code alpha = cos(theta)}, {@code sigma = sin(theta)} with the
 * angle {@code theta} linear in t between {@code atan(ratioMin)} and {@code atan(ratioMax)}, so that
 * sigma/alpha = tan(theta) runs from ratioMin to ratioMax. With ratioMin → 0 and ratioMax → ∞ it is
 * the cosine schedule of improved DDPM, {@code alpha = cos(pi t / 2)}.
 *
 * @param ratioMin sigma/alpha at t = 0, &gt; 0
 * @param ratioMax sigma/alpha at t = 1, &gt; ratioMin
 */
public record CosineSchedule(double ratioMin, double ratioMax) implements NoiseSchedule {

    /** Noise-to-signal ratio in [1e-3, 1e3]. */
    public static CosineSchedule standard() {
        return new CosineSchedule(1e-3, 1e3);
    }

    public CosineSchedule {
        Schedules.checkRange("ratioMin", ratioMin, "ratioMax", ratioMax);
    }

    @Override
    public double alpha(double t) {
        return Math.cos(angle(t));
    }

    @Override
    public double sigma(double t) {
        return Math.sin(angle(t));
    }

    @Override
    public double noiseToSignal(double t) {
        return Math.tan(angle(t));
    }

    private double angle(double t) {
        NoiseSchedule.checkTime(t);
        double lo = Math.atan(ratioMin);
        return lo + t * (Math.atan(ratioMax) - lo);
    }
}
