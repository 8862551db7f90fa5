package io.latentemu.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Order of accuracy of the deterministic samplers. For Gaussian data N(m, v) the probability-flow ODE
 * has the closed-form solution of {@link GaussianFixture#exactFlow}; the error at the end of sampling
 * must fall like N^-p with the number of steps N. The slope p is fitted by least squares on log-log
 * axes over a range of N, in double precision.
 *
 * <p>On EDM's grid (rho = 7) the step sizes vary smoothly, so the asymptotic orders show. On the
 * study's log-logit grid the first step spans sigma from 1e3 down to about N, and the lower-order
 * start-up of multistep methods makes their error fall like N^-2.25 there (a property of the grid;
 * printed for Adams-Bashforth 3, not asserted).
 */
class SamplerConvergenceTest {

    private static final double MEAN = 0.3;
    private static final double VAR = 0.5;
    private static final double[] EPS = {1.3, -0.4, 2.1};

    static Stream<Arguments> methods() {
        return Stream.of(
                Arguments.of("Euler", AdamsBashforthStep.euler(), 1.0, new int[] {32, 64, 128, 256}),
                Arguments.of("Heun", new HeunStep(), 2.0, new int[] {32, 64, 128, 256}),
                Arguments.of("Adams-Bashforth 2", new AdamsBashforthStep(2), 2.0, new int[] {64, 128, 256, 512}),
                Arguments.of("Adams-Bashforth 3", new AdamsBashforthStep(3), 3.0, new int[] {64, 128, 256, 512}),
                Arguments.of("DPM-Solver++(2M)", new DpmSolver2MStep(), 2.0, new int[] {32, 64, 128, 256}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void errorFallsAtTheExpectedOrder(String name, StepRule rule, double order, int[] steps) {
        double slope = slope(name, new EdmSchedule(0.002, 80, 7), rule, steps);
        assertEquals(order, slope, 0.15 * order, name + " order");
        if (rule.equals(new AdamsBashforthStep(3))) {
            slope(name + " (log-logit)", LogLogitSchedule.standard(), rule, steps); // the study's grid, printed
        }
    }

    private static double slope(String name, NoiseSchedule schedule, StepRule rule, int[] steps) {
        double[] logN = new double[steps.length];
        double[] logErr = new double[steps.length];
        StringBuilder line = new StringBuilder(String.format("%-32s", name));
        for (int k = 0; k < steps.length; k++) {
            double err = error(new DiffusionSampler(schedule, steps[k], rule));
            logN[k] = Math.log(steps[k]);
            logErr[k] = Math.log(err);
            line.append(String.format(" N=%d: %.2e", steps[k], err));
        }
        double slope = -leastSquaresSlope(logN, logErr);
        System.out.println(line.append(String.format("  order %.2f", slope)));
        return slope;
    }

    /** Largest absolute error over a few starting points. */
    private static double error(DiffusionSampler sampler) {
        GaussianDenoiser d = new GaussianDenoiser(Nd4j.createFromArray(MEAN), Nd4j.createFromArray(VAR));
        INDArray eps = Nd4j.createFromArray(EPS).reshape(EPS.length, 1);
        INDArray out = sampler.sampleFrom(d, eps, Conditioning.none(), NoiseSource.derived(0, EPS.length));
        double[] s = sampler.noiseLevels();
        double worst = 0;
        for (int i = 0; i < EPS.length; i++) {
            double start = Math.sqrt(1 + s[0] * s[0]) * EPS[i];
            double exact = GaussianFixture.exactFlow(start, s[0], s[s.length - 1], MEAN, VAR);
            worst = Math.max(worst, Math.abs(out.getDouble(i, 0) - exact));
        }
        return worst;
    }

    private static double leastSquaresSlope(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
