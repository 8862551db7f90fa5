package io.latentemu.data.sim;

import java.util.SplittableRandom;

/**
 * An interval random values are drawn from, uniformly or log-uniformly (for positive quantities
 * spanning a decade or more, such as density and pressure).
 */
public record SamplingRange(double min, double max, boolean logUniform) {

    public SamplingRange {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("range needs finite min <= max, got [" + min + ", " + max + "]");
        }
        if (logUniform && !(min > 0)) {
            throw new IllegalArgumentException("a log-uniform range needs min > 0, got " + min);
        }
    }

    /** Uniform on [min, max]. */
    public static SamplingRange uniform(double min, double max) {
        return new SamplingRange(min, max, false);
    }

    /** Log-uniform on [min, max]: the logarithm is uniform. */
    public static SamplingRange logUniform(double min, double max) {
        return new SamplingRange(min, max, true);
    }

    /** A draw from this range. */
    public double sample(SplittableRandom random) {
        double u = random.nextDouble();
        if (logUniform) {
            return min * Math.exp(u * Math.log(max / min));
        }
        return min + u * (max - min);
    }
}
