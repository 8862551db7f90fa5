package io.latentemu.data.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Gray-Scott solver against its homogeneous steady states and linear (Turing) stability theory. */
class GrayScottTest {

    private static final double DA = 2e-5;
    private static final double DB = 1e-5;
    // a Turing-unstable regime: the upper homogeneous state exists, is stable to uniform perturbations,
    // and its fastest growing wavenumber (about 44 rad per unit length) fits 7 periods in the unit square
    private static final double F = 0.074;
    private static final double K = 0.062;

    /** The homogeneous state with B > 0: (F + k) B^2 - F B + F (F + k) = 0, A = (F + k) / B; larger root. */
    private static double[] upperState(double f, double k) {
        double disc = f * f - 4 * f * (f + k) * (f + k);
        double b = (f + Math.sqrt(disc)) / (2 * (f + k));
        return new double[] {(f + k) / b, b};
    }

    /** Largest growth rate of a perturbation of wavenumber q about (a, b): top eigenvalue of J - diag(dA q^2, dB q^2). */
    private static double growthRate(double a, double b, double f, double k, double q) {
        double j11 = -b * b - f - DA * q * q;
        double j12 = -2 * a * b;
        double j21 = b * b;
        double j22 = 2 * a * b - (f + k) - DB * q * q;
        double tr = j11 + j22;
        double det = j11 * j22 - j12 * j21;
        return 0.5 * tr + Math.sqrt(0.25 * tr * tr - det);
    }

    private static double maxDeviation(double[] x, double value) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v - value));
        }
        return m;
    }

    @Test
    void homogeneousSteadyStatesStayPut() {
        int n = 32;
        double[][] states = {{1.0, 0.0}, upperState(F, K)};
        for (double[] s : states) {
            GrayScottSolver solver = new GrayScottSolver(n, 1.0, DA, DB, F, K);
            double[] a = new double[n * n];
            double[] b = new double[n * n];
            java.util.Arrays.fill(a, s[0]);
            java.util.Arrays.fill(b, s[1]);
            solver.setState(a, b);
            solver.advance(2000, 1.0);
            solver.state(a, b);
            double deviation = Math.max(maxDeviation(a, s[0]), maxDeviation(b, s[1]));
            System.out.printf("steady state A=%.6f B=%.6f: max deviation after t=2000: %.2e%n", s[0], s[1], deviation);
            assertTrue(deviation < 1e-12, "deviation " + deviation);
        }
    }

    @Test
    void turingModeGrowsAtTheRateOfLinearTheory() {
        int n = 32;
        double[] s = upperState(F, K);
        int periods = 7;
        double q = 2 * Math.PI * periods;
        double expected = growthRate(s[0], s[1], F, K, q);
        GrayScottSolver solver = new GrayScottSolver(n, 1.0, DA, DB, F, K);
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = s[0];
                b[i * n + j] = s[1] + 1e-8 * Math.cos(q * i / n);
            }
        }
        solver.setState(a, b);
        solver.advance(300, 1.0);
        double early = modeAmplitude(solver, n, periods);
        solver.advance(200, 1.0);
        double late = modeAmplitude(solver, n, periods);
        double measured = Math.log(late / early) / 200;
        double relative = Math.abs(measured - expected) / expected;
        System.out.printf("Turing mode q=%.2f: growth rate %.6f, linear theory %.6f, relative error %.1e%n",
                q, measured, expected, relative);
        assertTrue(expected > 0.01, "the chosen regime must be Turing-unstable, rate " + expected);
        assertTrue(relative < 1e-5, "relative error " + relative);
    }

    /** |B^| of mode (periods, 0), via a direct Fourier sum written for the test. */
    private static double modeAmplitude(GrayScottSolver solver, int n, int periods) {
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        solver.state(a, b);
        double re = 0;
        double im = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double angle = 2 * Math.PI * periods * i / n;
                re += b[i * n + j] * Math.cos(angle);
                im -= b[i * n + j] * Math.sin(angle);
            }
        }
        return Math.hypot(re, im);
    }

    /** Fraction of the domain where B exceeds 0.1, after Pearson's (1993) square perturbation of (1, 0). */
    private static double patternCoverage(double f, double k, double time) {
        int n = 64;
        GrayScottSolver solver = new GrayScottSolver(n, 1.0, DA, DB, f, k);
        double[] a = new double[n * n];
        double[] b = new double[n * n];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean inside = Math.abs((i + 0.5) / n - 0.5) < 0.1 && Math.abs((j + 0.5) / n - 0.5) < 0.1;
                a[i * n + j] = inside ? 0.5 + 0.01 * random.nextGaussian() : 1.0;
                b[i * n + j] = inside ? 0.25 + 0.01 * random.nextGaussian() : 0.0;
            }
        }
        solver.setState(a, b);
        solver.advance(time, 1.0);
        solver.state(a, b);
        int covered = 0;
        for (double v : b) {
            if (v > 0.1) {
                covered++;
            }
        }
        return covered / (double) b.length;
    }

    @Test
    void squarePerturbationGrowsIntoAPatternInTheMazeRegimeOnly() {
        double maze = patternCoverage(0.029, 0.057, 2000);
        double decaying = patternCoverage(0.098, 0.057, 2000);
        System.out.printf("Pearson square (4%% of the domain) after t=2000: covers %.3f at F=0.029 k=0.057, "
                + "%.3f at F=0.098 k=0.057%n", maze, decaying);
        assertTrue(maze > 0.3, "maze coverage " + maze);
        assertEquals(0.0, decaying, 0.0, "at F=0.098, k=0.057 the perturbation decays back to (1, 0)");
    }
}
