package io.latentemu.data.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pseudo-spectral vorticity solver against closed forms and the energy inequality. */
class NavierStokesTest {

    /** Spectral derivative along x ({@code alongX}) or y of a periodic field on [0, 2 pi)^2, written for the test. */
    static double[] derivative(double[] f, int n, boolean alongX) {
        double[] re = f.clone();
        double[] im = new double[f.length];
        Fft2d fft = new Fft2d(n);
        fft.forward(re, im);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                int index = alongX ? a : b;
                int m = index == n / 2 ? 0 : (index < n / 2 ? index : index - n);
                int c = a * n + b;
                double r = re[c];
                re[c] = -m * im[c];
                im[c] = m * r;
            }
        }
        fft.inverse(re, im);
        return re;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double rms(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s / a.length);
    }

    /** 48 is not a power of two: the mixed-radix FFT must serve it as exactly. */
    @ParameterizedTest
    @ValueSource(ints = {32, 48})
    void taylorGreenVortexDecaysAtTheExactRate(int n) {
        double nu = 0.01;
        double drag = 0.1;
        double h = 2 * Math.PI / n;
        // omega = sin(x) sin(3y) + 0.5 sin(3x) sin(y): both modes have |k|^2 = 10, so advection vanishes
        double rate = nu * 10 + drag;
        VorticitySolver solver = new VorticitySolver(n, nu, drag, 0.0, 4);
        double[] omega0 = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = i * h;
                double y = j * h;
                omega0[i * n + j] = Math.sin(x) * Math.sin(3 * y) + 0.5 * Math.sin(3 * x) * Math.sin(y);
            }
        }
        solver.setVorticity(omega0);
        double tEnd = 5.0;
        solver.advance(tEnd, 0.8, 0.05);
        double[] omega = new double[n * n];
        solver.vorticity(omega);
        double decay = Math.exp(-rate * tEnd);
        double worst = 0;
        for (int c = 0; c < omega.length; c++) {
            worst = Math.max(worst, Math.abs(omega[c] - omega0[c] * decay));
        }
        double relative = worst / (maxAbs(omega0) * decay);
        System.out.printf("Taylor-Green: amplitude exp(-%.2f t) to t=%.1f, relative max error %.2e after %d steps%n",
                rate, tEnd, relative, solver.steps());
        assertTrue(relative < 1e-12, "relative error " + relative);
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 48})
    void advectionTermMatchesTheClosedForm(int n) {
        double h = 2 * Math.PI / n;
        VorticitySolver solver = new VorticitySolver(n, 0.0, 0.0, 0.0, 4);
        // omega = sin x cos 2y + 0.5 cos 3x, so psi = sin x cos 2y / 5 + 0.5 cos 3x / 9 (lap psi = -omega)
        double[] omega = new double[n * n];
        double[] expected = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = i * h;
                double y = j * h;
                omega[i * n + j] = Math.sin(x) * Math.cos(2 * y) + 0.5 * Math.cos(3 * x);
                double u = -2 * Math.sin(x) * Math.sin(2 * y) / 5;                           // psi_y
                double v = -Math.cos(x) * Math.cos(2 * y) / 5 + 1.5 * Math.sin(3 * x) / 9;   // -psi_x
                double wx = Math.cos(x) * Math.cos(2 * y) - 1.5 * Math.sin(3 * x);
                double wy = -2 * Math.sin(x) * Math.sin(2 * y);
                expected[i * n + j] = u * wx + v * wy;
            }
        }
        solver.setVorticity(omega);
        double[] actual = solver.advectionTerm();
        double worst = 0;
        for (int c = 0; c < actual.length; c++) {
            worst = Math.max(worst, Math.abs(actual[c] - expected[c]));
        }
        System.out.printf("advection term vs closed form: max error %.2e (max value %.3f)%n", worst, maxAbs(expected));
        assertTrue(worst < 1e-13 * maxAbs(expected), "max error " + worst);
        assertTrue(maxAbs(expected) > 0.1);
    }

    @Test
    void defaultFlowStaysBoundedOver1000StepsAndItsVelocityIsDivergenceFree() {
        NavierStokesConfig config = NavierStokesConfig.defaults();
        int n = config.resolution();
        double re = config.reynolds().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        VorticitySolver solver = new NavierStokesSimulator(config).newSolver(re);
        double[] omega0 = RandomField.gaussian(n, config.initialCutoff(), config.initialRms(), new SplittableRandom(5));
        solver.setVorticity(omega0);
        double[] u = new double[n * n];
        double[] v = new double[n * n];
        double[] omega = new double[n * n];
        solver.velocity(u, v);
        // energy inequality: ||u|| <= max(||u0||, ||F|| / alpha), ||omega|| <= max(||omega0||, ||f|| / alpha) (rms norms)
        double forceRms = config.forcingAmplitude() / Math.sqrt(2);
        double velocityBound = Math.max(Math.hypot(rms(u), rms(v)), forceRms / config.drag());
        double vorticityBound = Math.max(rms(omega0), forceRms * config.forcingWavenumber() / config.drag());
        double maxVelocity = 0;
        double maxVorticity = 0;
        while (solver.steps() < 1000) {
            solver.advance(0.5, config.cfl(), config.maxTimeStep());
            solver.velocity(u, v);
            solver.vorticity(omega);
            maxVelocity = Math.max(maxVelocity, Math.hypot(rms(u), rms(v)));
            maxVorticity = Math.max(maxVorticity, rms(omega));
        }
        System.out.printf("Kolmogorov flow Re=%.0f, %d steps to t=%.1f: rms velocity <= %.3f (bound %.3f), "
                        + "rms vorticity <= %.3f (bound %.3f)%n", re, solver.steps(), solver.time(),
                maxVelocity, velocityBound, maxVorticity, vorticityBound);
        assertTrue(maxVelocity <= velocityBound && maxVorticity <= vorticityBound);
        assertTrue(maxVelocity > 0.3, "the flow must be driven, got rms velocity " + maxVelocity);

        double[] divergence = derivative(u, n, true);
        double[] dvdy = derivative(v, n, false);
        double[] dvdx = derivative(v, n, true);
        double[] dudy = derivative(u, n, false);
        double worstDivergence = 0;
        double worstCurl = 0;
        for (int c = 0; c < divergence.length; c++) {
            worstDivergence = Math.max(worstDivergence, Math.abs(divergence[c] + dvdy[c]));
            worstCurl = Math.max(worstCurl, Math.abs(dvdx[c] - dudy[c] - omega[c]));
        }
        double scale = maxAbs(omega);
        System.out.printf("max |div u| / max |omega| = %.2e, max |curl u - omega| / max |omega| = %.2e%n",
                worstDivergence / scale, worstCurl / scale);
        assertTrue(worstDivergence < 1e-13 * scale, "divergence " + worstDivergence);
        assertTrue(worstCurl < 1e-13 * scale, "curl mismatch " + worstCurl);
    }

    @Test
    void savedChannelsAreVorticityThenVelocityAlongXAndY() {
        NavierStokesConfig config = NavierStokesConfig.builder().resolution(32).frames(3).spinUpTime(1.0)
                .reynolds(java.util.List.of(50.0)).build();
        NavierStokesSimulator simulator = new NavierStokesSimulator(config);
        SimulatedTrajectory trajectory = simulator.simulate(new double[] {50.0}, 11L);
        int n = 32;
        double[] u = new double[n * n];
        double[] v = new double[n * n];
        double[] omega = new double[n * n];
        for (int c = 0; c < n * n; c++) {
            omega[c] = trajectory.value(2, 0, c / n, c % n);
            u[c] = trajectory.value(2, 1, c / n, c % n);
            v[c] = trajectory.value(2, 2, c / n, c % n);
        }
        double[] dvdx = derivative(v, n, true);
        double[] dudy = derivative(u, n, false);
        double worst = 0;
        for (int c = 0; c < omega.length; c++) {
            worst = Math.max(worst, Math.abs(dvdx[c] - dudy[c] - omega[c]));
        }
        System.out.printf("saved float32 frames: max |curl u - omega| / max |omega| = %.2e%n", worst / maxAbs(omega));
        assertTrue(worst < 1e-6 * maxAbs(omega), "float32 frames: curl mismatch " + worst);
        assertEquals(0.4, trajectory.times()[2], 1e-12);
    }
}
