package io.latentemu.core.diffusion;

import java.util.SplittableRandom;

/**
 * t ~ U(low, high), the study's default with [0, 1].
 *
 * @param low  lower end, in [0, 1)
 * @param high upper end, in (low, 1]
 */
public record UniformTimePrior(double low, double high) implements TimePrior {

    /** U(0, 1). */
    public static UniformTimePrior standard() {
        return new UniformTimePrior(0, 1);
    }

    public UniformTimePrior {
        if (!(low >= 0 && high > low && high <= 1)) {
            throw new IllegalArgumentException("need 0 <= low < high <= 1, got " + low + ", " + high);
        }
    }

    @Override
    public double[] sample(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = low + (high - low) * rng.nextDouble();
        }
        return t;
    }
}
