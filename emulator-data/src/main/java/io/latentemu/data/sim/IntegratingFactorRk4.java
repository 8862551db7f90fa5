package io.latentemu.data.sim;

/**
 * Integrating-factor fourth-order Runge-Kutta (Lawson's method) for spectral states
 * {@code du/dt = L u + N(u)} with a diagonal linear part {@code L}: the linear part is integrated
 * exactly (so stiff diffusion costs nothing and a purely linear mode decays at exactly its rate),
 * the rest by classical RK4 in the transformed variable.
 *
 * <p>The state is complex, stored as real and imaginary arrays of equal length; the linear
 * coefficients are real (one per entry). Not thread-safe (scratch arrays).
 */
final class IntegratingFactorRk4 {

    /** The non-linear (and forcing) part of the right-hand side, evaluated in spectral space. */
    interface Terms {
        /** Writes {@code N(u)} into {@code outRe, outIm}; must not modify {@code re, im}. */
        void nonlinear(double[] re, double[] im, double[] outRe, double[] outIm);
    }

    private final double[] linear;
    private final Terms terms;
    private final int size;
    private final double[] half;
    private final double[] full;
    private double cachedStep = Double.NaN;
    private final double[] k1Re;
    private final double[] k1Im;
    private final double[] k2Re;
    private final double[] k2Im;
    private final double[] k3Re;
    private final double[] k3Im;
    private final double[] k4Re;
    private final double[] k4Im;
    private final double[] tmpRe;
    private final double[] tmpIm;

    IntegratingFactorRk4(double[] linear, Terms terms) {
        this.linear = linear.clone();
        this.terms = terms;
        this.size = linear.length;
        half = new double[size];
        full = new double[size];
        k1Re = new double[size];
        k1Im = new double[size];
        k2Re = new double[size];
        k2Im = new double[size];
        k3Re = new double[size];
        k3Im = new double[size];
        k4Re = new double[size];
        k4Im = new double[size];
        tmpRe = new double[size];
        tmpIm = new double[size];
    }

    /** Advances {@code (re, im)} in place by {@code h}. */
    void step(double[] re, double[] im, double h) {
        if (h != cachedStep) {
            for (int c = 0; c < size; c++) {
                half[c] = Math.exp(0.5 * h * linear[c]);
                full[c] = half[c] * half[c];
            }
            cachedStep = h;
        }
        double h2 = 0.5 * h;
        terms.nonlinear(re, im, k1Re, k1Im);
        for (int c = 0; c < size; c++) {
            tmpRe[c] = half[c] * (re[c] + h2 * k1Re[c]);
            tmpIm[c] = half[c] * (im[c] + h2 * k1Im[c]);
        }
        terms.nonlinear(tmpRe, tmpIm, k2Re, k2Im);
        for (int c = 0; c < size; c++) {
            tmpRe[c] = half[c] * re[c] + h2 * k2Re[c];
            tmpIm[c] = half[c] * im[c] + h2 * k2Im[c];
        }
        terms.nonlinear(tmpRe, tmpIm, k3Re, k3Im);
        for (int c = 0; c < size; c++) {
            tmpRe[c] = full[c] * re[c] + h * half[c] * k3Re[c];
            tmpIm[c] = full[c] * im[c] + h * half[c] * k3Im[c];
        }
        terms.nonlinear(tmpRe, tmpIm, k4Re, k4Im);
        double h6 = h / 6.0;
        for (int c = 0; c < size; c++) {
            double e = half[c];
            double e2 = full[c];
            re[c] = e2 * re[c] + h6 * (e2 * k1Re[c] + 2 * e * (k2Re[c] + k3Re[c]) + k4Re[c]);
            im[c] = e2 * im[c] + h6 * (e2 * k1Im[c] + 2 * e * (k2Im[c] + k3Im[c]) + k4Im[c]);
        }
    }
}
