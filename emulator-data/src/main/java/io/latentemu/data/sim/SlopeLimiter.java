package io.latentemu.data.sim;

/**
 * Limiters of the piecewise-linear reconstruction in the finite-volume Euler solver: given the
 * backward and forward differences of a cell, the slope it may use without creating new extrema.
 */
public enum SlopeLimiter {
    /** The most diffusive TVD limiter: the smaller difference when both have the same sign. */
    MINMOD,
    /** Van Leer's harmonic mean of the two differences; a good default. */
    VAN_LEER,
    /** Monotonised central: the centred difference bounded by twice either one-sided difference. */
    MONOTONIZED_CENTRAL;

    /** The limited slope for backward difference {@code a} and forward difference {@code b}. */
    public double slope(double a, double b) {
        return slope(ordinal(), a, b);
    }

    /** Switch on the ordinal, so the hot loop of the solver needs no virtual call. */
    static double slope(int kind, double a, double b) {
        double ab = a * b;
        if (ab <= 0.0) {
            return 0.0;
        }
        switch (kind) {
            case 0:
                return Math.abs(a) < Math.abs(b) ? a : b;
            case 1:
                return 2.0 * ab / (a + b);
            default:
                double c = 0.5 * (a + b);
                double m = 2.0 * Math.min(Math.abs(a), Math.abs(b));
                return Math.abs(c) < m ? c : Math.copySign(m, c);
        }
    }
}
