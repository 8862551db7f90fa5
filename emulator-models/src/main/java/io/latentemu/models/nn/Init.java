package io.latentemu.models.nn;

import java.util.SplittableRandom;

/**
 * How a trainable parameter starts: a function from the parameter's shape and a seeded random stream to its
 * values in row-major order.
 *
 * <p>The fan-in of a shape is the product of all dimensions but the last, which holds for the layouts used
 * here: linear weights {@code [in, out]} and convolution weights {@code [kH, kW, in, out]}.
 */
@FunctionalInterface
public interface Init {

    /** The values of a parameter of the given shape, row-major, drawn from {@code rng}. */
    double[] values(long[] shape, SplittableRandom rng);

    /** All zeros. */
    static Init zeros() {
        return constant(0.0);
    }

    /** All ones. */
    static Init ones() {
        return constant(1.0);
    }

    /** Every entry equal to {@code value}. */
    static Init constant(double value) {
        return (shape, rng) -> {
            double[] v = new double[size(shape)];
            java.util.Arrays.fill(v, value);
            return v;
        };
    }

    /** Independent normal entries of mean 0 and standard deviation {@code std}. */
    static Init normal(double std) {
        return (shape, rng) -> {
            double[] v = new double[size(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = std * rng.nextGaussian();
            }
            return v;
        };
    }

    /** Uniform on {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]}, PyTorch's default for linear and conv weights. */
    static Init fanInUniform() {
        return (shape, rng) -> {
            double bound = 1.0 / Math.sqrt(fanIn(shape));
            double[] v = new double[size(shape)];
            for (int i = 0; i < v.length; i++) {
                v[i] = bound * (2.0 * rng.nextDouble() - 1.0);
            }
            return v;
        };
    }

    /** This initialisation multiplied by {@code factor} (e.g. 1e-2 for the last conv of a residual block). */
    default Init scaled(double factor) {
        return (shape, rng) -> {
            double[] v = values(shape, rng);
            for (int i = 0; i < v.length; i++) {
                v[i] *= factor;
            }
            return v;
        };
    }

    /** The entry-wise sum of this initialisation and {@code other} (e.g. an identity plus small noise). */
    default Init plus(Init other) {
        return (shape, rng) -> {
            double[] v = values(shape, rng);
            double[] w = other.values(shape, rng);
            for (int i = 0; i < v.length; i++) {
                v[i] += w[i];
            }
            return v;
        };
    }

    /** Number of entries of a shape. */
    static int size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter too large: " + java.util.Arrays.toString(shape));
        }
        return (int) n;
    }

    /** Product of all dimensions but the last (1 for a vector). */
    static long fanIn(long[] shape) {
        long n = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            n *= shape[i];
        }
        return Math.max(1, n);
    }
}
