package io.latentemu.core.diffusion;

/**
 * Variance-preserving schedule of DDPM / score SDEs with a linear rate {@code beta(t)} from betaMin to
 * betaMax: {@code alpha(t) = exp(-(betaMin t + (betaMax - betaMin) t^2 / 2) / 2)},
 * {@code sigma(t) = sqrt(1 - alpha(t)^2)}. sigma(0) = 0 (clean data) and alpha(1) &gt; 0.
 *
 * @param betaMin rate at t = 0, &ge; 0
 * @param betaMax rate at t = 1, &gt; betaMin
 */
public record VariancePreservingSchedule(double betaMin, double betaMax) implements NoiseSchedule {

    /** The usual choice, beta in [0.1, 20]: alpha(1) is about 6.4e-3. */
    public static VariancePreservingSchedule standard() {
        return new VariancePreservingSchedule(0.1, 20.0);
    }

    public VariancePreservingSchedule {
        if (!(betaMin >= 0 && betaMax > betaMin && Double.isFinite(betaMax))) {
            throw new IllegalArgumentException("need 0 <= betaMin < betaMax < inf, got " + betaMin + ", " + betaMax);
        }
    }

    @Override
    public double alpha(double t) {
        NoiseSchedule.checkTime(t);
        return Math.exp(-0.5 * logDecay(t));
    }

    @Override
    public double sigma(double t) {
        NoiseSchedule.checkTime(t);
        // 1 - alpha^2 = -expm1(-integral of beta), accurate near t = 0
        return Math.sqrt(-Math.expm1(-logDecay(t)));
    }

    private double logDecay(double t) {
        return betaMin * t + 0.5 * (betaMax - betaMin) * t * t;
    }
}
