package io.latentemu.data.sim;

import io.latentemu.data.well.BoundaryType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The finite-volume Euler solver against exact Riemann solutions and conservation laws. */
class EulerSolverTest {

    private static final double GAMMA = 1.4;

    /**
     * L1 error of density, {@code sum |rho - rho_exact| dx} over [0, 1], for a shock tube of
     * {@code cells} cells run through the 2-D solver along x ({@code alongX}) or y, with 2 cells across.
     */
    static double shockTubeL1(int cells, boolean alongX, double[] left, double[] right, double tEnd) {
        int across = 2;
        int nx = alongX ? cells : across;
        int ny = alongX ? across : cells;
        double h = 1.0 / cells;
        EulerSolver solver = new EulerSolver(nx, ny, h, h, GAMMA, 0.8, BoundaryType.OPEN,
                SlopeLimiter.VAN_LEER);
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                int along = alongX ? i : j;
                double[] s = (along + 0.5) * h < 0.5 ? left : right;
                if (alongX) {
                    solver.setPrimitive(i, j, s[0], s[1], 0, s[2]);
                } else {
                    solver.setPrimitive(i, j, s[0], 0, s[1], s[2]);
                }
            }
        }
        solver.advanceTo(tEnd);
        ExactRiemannSolver exact = new ExactRiemannSolver(GAMMA, left[0], left[1], left[2],
                right[0], right[1], right[2]);
        double[] rho = solver.density();
        double error = 0;
        for (int k = 0; k < cells; k++) {
            for (int a = 0; a < across; a++) {
                int c = alongX ? k * ny + a : a * ny + k;
                double reference = exact.averageDensity(k * h, (k + 1) * h, 0.5, tEnd, 32);
                error += Math.abs(rho[c] - reference) * h / across;
            }
        }
        return error;
    }

    private static final double[] SOD_LEFT = {1.0, 0.0, 1.0};
    private static final double[] SOD_RIGHT = {0.125, 0.0, 0.1};

    @Test
    void sodShockTubeMatchesExactSolution() {
        double e100 = shockTubeL1(100, true, SOD_LEFT, SOD_RIGHT, 0.2);
        double e200 = shockTubeL1(200, true, SOD_LEFT, SOD_RIGHT, 0.2);
        double e400 = shockTubeL1(400, true, SOD_LEFT, SOD_RIGHT, 0.2);
        double e200y = shockTubeL1(200, false, SOD_LEFT, SOD_RIGHT, 0.2);
        System.out.printf("Sod density L1: 100 cells %.5f, 200 cells %.5f (along y %.5f), 400 cells %.5f%n",
                e100, e200, e200y, e400);
        assertTrue(e200 < 3.5e-3, "L1 error at 200 cells " + e200);
        assertTrue(e100 > e200 && e200 > e400, "error must decrease with resolution: " + e100 + " " + e200 + " " + e400);
        assertEquals(e200, e200y, 1e-15, "the y-sweep must reproduce the x-sweep");
    }

    @Test
    void doubleRarefactionStaysPositiveAndConverges() {
        // Toro's test 2: two strong rarefactions leave a near-vacuum (p* = 0.00189) in the middle
        double[] left = {1.0, -2.0, 0.4};
        double[] right = {1.0, 2.0, 0.4};
        double e100 = shockTubeL1(100, true, left, right, 0.15);
        double e200 = shockTubeL1(200, true, left, right, 0.15);
        System.out.printf("123 problem density L1: 100 cells %.5f, 200 cells %.5f%n", e100, e200);
        assertTrue(e200 < e100);
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s;
    }

    @Test
    void periodicBoundariesConserveMassMomentumAndEnergy() {
        EulerConfig config = EulerConfig.builder().resolution(48).build();
        EulerSimulator simulator = new EulerSimulator(config);
        EulerSolver solver = simulator.newSolver(1.4);
        QuadrantProblem.random(config, new SplittableRandom(7)).initialise(solver);
        double[][] before = {solver.density(), solver.momentumX(), solver.momentumY(), solver.energy()};
        int steps = solver.advanceTo(0.6);
        double[][] after = {solver.density(), solver.momentumX(), solver.momentumY(), solver.energy()};
        String[] names = {"mass", "x-momentum", "y-momentum", "energy"};
        for (int q = 0; q < 4; q++) {
            double drift = Math.abs(sum(after[q]) - sum(before[q])) / sumAbs(before[q]);
            System.out.printf("%s drift after %d steps: %.2e (relative to the sum of |values|)%n", names[q], steps, drift);
            assertTrue(drift < 1e-13, names[q] + " drifted by " + drift);
        }
        // the test means something only if the state moved
        double moved = 0;
        for (int c = 0; c < before[0].length; c++) {
            moved = Math.max(moved, Math.abs(after[0][c] - before[0][c]));
        }
        assertTrue(moved > 0.1, "density changed by at most " + moved);
    }

    @Test
    void densityAndPressureStayPositiveOverRandomQuadrantProblems() {
        // wider ranges than the defaults: density and pressure over two decades, velocities up to Mach ~10
        EulerConfig.Builder builder = EulerConfig.builder().resolution(32).frames(41)
                .density(SamplingRange.logUniform(0.05, 5.0))
                .pressure(SamplingRange.logUniform(0.02, 5.0))
                .velocity(SamplingRange.uniform(-2.0, 2.0));
        SplittableRandom seeds = new SplittableRandom(2024);
        double minDensity = Double.POSITIVE_INFINITY;
        double minPressure = Double.POSITIVE_INFINITY;
        long steps = 0;
        long rejected = 0;
        for (int problem = 0; problem < 100; problem++) {
            BoundaryType bc = problem % 2 == 0 ? BoundaryType.PERIODIC : BoundaryType.OPEN;
            EulerConfig config = builder.boundary(bc).build();
            double gamma = config.gammas().get(problem % config.gammas().size());
            EulerSolver solver = new EulerSimulator(config).newSolver(gamma);
            QuadrantProblem.random(config, seeds.split()).initialise(solver);
            double[] p = new double[32 * 32];
            for (int frame = 1; frame < config.frames(); frame++) {
                solver.advanceTo(frame * config.outputInterval());
                solver.pressure(p);
                for (double v : solver.density()) {
                    minDensity = Math.min(minDensity, v);
                }
                for (double v : p) {
                    minPressure = Math.min(minPressure, v);
                }
            }
            steps += solver.steps();
            rejected += solver.rejectedSteps();
        }
        System.out.printf("100 quadrant problems: min density %.3e, min pressure %.3e, %d steps, %d rejected%n",
                minDensity, minPressure, steps, rejected);
        assertTrue(minDensity > 0 && minPressure > 0);
    }

    /** L1 density error of a sine wave advected diagonally across the periodic unit square (exact: translation). */
    private static double smoothWaveL1(int n, double tEnd) {
        double h = 1.0 / n;
        EulerSolver solver = new EulerSolver(n, n, h, h, GAMMA, 0.8, BoundaryType.PERIODIC, SlopeLimiter.VAN_LEER);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // cell average of 1 + 0.2 sin(2 pi (x + y)) over the cell
                double x = i * h;
                double y = j * h;
                double k = 2 * Math.PI;
                double average = 1 + 0.2 * (Math.sin(k * (x + y)) - Math.sin(k * (x + h + y)) - Math.sin(k * (x + y + h))
                        + Math.sin(k * (x + y + 2 * h))) / (-(k * h) * (k * h));
                solver.setPrimitive(i, j, average, 1.0, 1.0, 1.0);
            }
        }
        solver.advanceTo(tEnd);
        double[] rho = solver.density();
        double error = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = i * h - tEnd;
                double y = j * h - tEnd;
                double k = 2 * Math.PI;
                double exact = 1 + 0.2 * (Math.sin(k * (x + y)) - Math.sin(k * (x + h + y)) - Math.sin(k * (x + y + h))
                        + Math.sin(k * (x + y + 2 * h))) / (-(k * h) * (k * h));
                error += Math.abs(rho[i * n + j] - exact) * h * h;
            }
        }
        return error;
    }

    @Test
    void smoothWaveConvergesAtSecondOrder() {
        double e32 = smoothWaveL1(32, 0.5);
        double e64 = smoothWaveL1(64, 0.5);
        double e128 = smoothWaveL1(128, 0.5);
        double order1 = Math.log(e32 / e64) / Math.log(2);
        double order2 = Math.log(e64 / e128) / Math.log(2);
        System.out.printf("smooth wave density L1: 32 %.3e, 64 %.3e, 128 %.3e; observed orders %.2f, %.2f%n",
                e32, e64, e128, order1, order2);
        assertTrue(order2 > 1.8, "observed order " + order2);
    }
}
