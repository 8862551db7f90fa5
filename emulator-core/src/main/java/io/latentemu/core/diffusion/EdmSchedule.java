package io.latentemu.core.diffusion;

/**
 * The variance-exploding schedule of Karras et al. (EDM): {@code alpha = 1},
 * {@code sigma(t) = (sMin^(1/rho) + t (sMax^(1/rho) - sMin^(1/rho)))^rho}. Uniform steps in t are
 * the EDM sampling grid, denser at low noise for larger rho.
 *
 * @param sigmaMin noise level at t = 0, &gt; 0
 * @param sigmaMax noise level at t = 1, &gt; sigmaMin
 * @param rho      curvature of the grid, &gt; 0 (EDM uses 7)
 */
public record EdmSchedule(double sigmaMin, double sigmaMax, double rho) implements VarianceExplodingSchedule {

    /** EDM's image settings: sigma in [0.002, 80], rho = 7. */
    public static EdmSchedule standard() {
        return new EdmSchedule(0.002, 80, 7);
    }

    public EdmSchedule {
        Schedules.checkRange("sigmaMin", sigmaMin, "sigmaMax", sigmaMax);
        if (!(rho > 0 && Double.isFinite(rho))) {
            throw new IllegalArgumentException("rho must be positive, got " + rho);
        }
    }

    @Override
    public double sigma(double t) {
        NoiseSchedule.checkTime(t);
        double lo = Math.pow(sigmaMin, 1 / rho);
        double hi = Math.pow(sigmaMax, 1 / rho);
        return Math.pow(lo + t * (hi - lo), rho);
    }
}
