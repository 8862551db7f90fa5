package io.latentemu.data.sim;

/**
 * Exact solution of the 1-D Riemann problem of the Euler equations for an ideal gas (Toro,
 * "Riemann Solvers and Numerical Methods for Fluid Dynamics", ch. 4): the star-region pressure by
 * Newton iteration on the pressure function, then sampling the self-similar solution at x/t.
 * Written independently of the finite-volume solver, as the reference of its tests.
 */
final class ExactRiemannSolver {

    private final double gamma;
    private final double rl;
    private final double ul;
    private final double pl;
    private final double rr;
    private final double ur;
    private final double pr;
    private final double cl;
    private final double cr;
    private final double pStar;
    private final double uStar;

    ExactRiemannSolver(double gamma, double rl, double ul, double pl, double rr, double ur, double pr) {
        this.gamma = gamma;
        this.rl = rl;
        this.ul = ul;
        this.pl = pl;
        this.rr = rr;
        this.ur = ur;
        this.pr = pr;
        this.cl = Math.sqrt(gamma * pl / rl);
        this.cr = Math.sqrt(gamma * pr / rr);
        if (2 * (cl + cr) / (gamma - 1) <= ur - ul) {
            throw new IllegalArgumentException("initial data generate vacuum");
        }
        this.pStar = solvePressure();
        this.uStar = 0.5 * (ul + ur) + 0.5 * (f(pStar, rr, pr, cr)[0] - f(pStar, rl, pl, cl)[0]);
    }

    double pStar() {
        return pStar;
    }

    double uStar() {
        return uStar;
    }

    /** f_K(p) and its derivative (Toro 4.6, 4.7, 4.37). */
    private double[] f(double p, double rk, double pk, double ck) {
        if (p > pk) {
            double a = 2.0 / ((gamma + 1) * rk);
            double b = (gamma - 1) / (gamma + 1) * pk;
            double q = Math.sqrt(a / (p + b));
            return new double[] {(p - pk) * q, q * (1 - 0.5 * (p - pk) / (b + p))};
        }
        double ratio = p / pk;
        double value = 2 * ck / (gamma - 1) * (Math.pow(ratio, (gamma - 1) / (2 * gamma)) - 1);
        double slope = 1.0 / (rk * ck) * Math.pow(ratio, -(gamma + 1) / (2 * gamma));
        return new double[] {value, slope};
    }

    private double solvePressure() {
        // primitive-variable (PVRS) guess, Toro 4.46, kept positive
        double guess = 0.5 * (pl + pr) - 0.125 * (ur - ul) * (rl + rr) * (cl + cr);
        double p = Math.max(1e-8, guess);
        for (int it = 0; it < 100; it++) {
            double[] fL = f(p, rl, pl, cl);
            double[] fR = f(p, rr, pr, cr);
            double g = fL[0] + fR[0] + (ur - ul);
            double next = p - g / (fL[1] + fR[1]);
            if (next < 0) {
                next = 1e-10;
            }
            double change = 2 * Math.abs(next - p) / (next + p);
            p = next;
            if (change < 1e-14) {
                return p;
            }
        }
        throw new IllegalStateException("Newton iteration for p* did not converge");
    }

    /** Density, velocity and pressure at x/t = {@code s} (Toro 4.5). */
    double[] sample(double s) {
        double g = gamma;
        if (s <= uStar) {
            if (pStar > pl) {
                double shock = ul - cl * Math.sqrt((g + 1) / (2 * g) * pStar / pl + (g - 1) / (2 * g));
                if (s <= shock) {
                    return new double[] {rl, ul, pl};
                }
                double r = rl * (pStar / pl + (g - 1) / (g + 1)) / ((g - 1) / (g + 1) * pStar / pl + 1);
                return new double[] {r, uStar, pStar};
            }
            double head = ul - cl;
            if (s <= head) {
                return new double[] {rl, ul, pl};
            }
            double cStar = cl * Math.pow(pStar / pl, (g - 1) / (2 * g));
            double tail = uStar - cStar;
            if (s >= tail) {
                return new double[] {rl * Math.pow(pStar / pl, 1 / g), uStar, pStar};
            }
            double base = 2 / (g + 1) + (g - 1) / ((g + 1) * cl) * (ul - s);
            double r = rl * Math.pow(base, 2 / (g - 1));
            double u = 2 / (g + 1) * (cl + (g - 1) / 2 * ul + s);
            double p = pl * Math.pow(base, 2 * g / (g - 1));
            return new double[] {r, u, p};
        }
        if (pStar > pr) {
            double shock = ur + cr * Math.sqrt((g + 1) / (2 * g) * pStar / pr + (g - 1) / (2 * g));
            if (s >= shock) {
                return new double[] {rr, ur, pr};
            }
            double r = rr * (pStar / pr + (g - 1) / (g + 1)) / ((g - 1) / (g + 1) * pStar / pr + 1);
            return new double[] {r, uStar, pStar};
        }
        double head = ur + cr;
        if (s >= head) {
            return new double[] {rr, ur, pr};
        }
        double cStar = cr * Math.pow(pStar / pr, (g - 1) / (2 * g));
        double tail = uStar + cStar;
        if (s <= tail) {
            return new double[] {rr * Math.pow(pStar / pr, 1 / g), uStar, pStar};
        }
        double base = 2 / (g + 1) - (g - 1) / ((g + 1) * cr) * (ur - s);
        double r = rr * Math.pow(base, 2 / (g - 1));
        double u = 2 / (g + 1) * (-cr + (g - 1) / 2 * ur + s);
        double p = pr * Math.pow(base, 2 * g / (g - 1));
        return new double[] {r, u, p};
    }

    /** The exact density averaged over [a, b] at time t, for a discontinuity at x0 (midpoint rule, m points). */
    double averageDensity(double a, double b, double x0, double t, int m) {
        double sum = 0;
        for (int q = 0; q < m; q++) {
            double x = a + (q + 0.5) * (b - a) / m;
            sum += sample((x - x0) / t)[0];
        }
        return sum / m;
    }
}
