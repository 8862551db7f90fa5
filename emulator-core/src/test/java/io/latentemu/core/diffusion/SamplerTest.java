package io.latentemu.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every sampler against the exact denoiser of Gaussian data, with the first of four frames given as
 * context. Known entries must come back exactly; the generated ones must have the right moments.
 * Pooled over n standardised entries the sample mean has standard error 1/sqrt(n) and the sample
 * variance sqrt(2/(n-1)); the bounds are 5 standard errors.
 *
 * <p>Deterministic samplers are compared with the data distribution, at step counts where their
 * discretisation error (measured against the exact flow in {@link SamplerConvergenceTest}) is below one
 * standard error. Stochastic samplers are compared with the exact distribution of their own Markov chain,
 * computed by a scalar recursion written from the update formulas ({@link #chainMoments}); that the chain
 * approaches the data distribution as the steps grow is checked separately.
 */
class SamplerTest {

    private static final int ROWS = 16;
    private static final int FRAMES = 4;
    private static final GaussianFixture DATA = new GaussianFixture(DataType.FLOAT, FRAMES, 8, 8, 8);

    static Stream<Arguments> deterministic() {
        NoiseSchedule study = LogLogitSchedule.standard();
        return Stream.of(
                Arguments.of("Euler", new DiffusionSampler(study, 256, AdamsBashforthStep.euler())),
                Arguments.of("Adams-Bashforth 2", new DiffusionSampler(study, 64, new AdamsBashforthStep(2))),
                Arguments.of("Adams-Bashforth 3", new DiffusionSampler(study, 64, new AdamsBashforthStep(3))),
                Arguments.of("Heun (EDM grid)", new DiffusionSampler(EdmSchedule.standard(), 64, new HeunStep())),
                Arguments.of("DPM-Solver++(2M)", new DiffusionSampler(study, 64, new DpmSolver2MStep())),
                Arguments.of("AB3, VP schedule", new DiffusionSampler(VariancePreservingSchedule.standard(), 64, new AdamsBashforthStep(3))),
                Arguments.of("AB3, cosine schedule", new DiffusionSampler(CosineSchedule.standard(), 64, new AdamsBashforthStep(3))));
    }

    static Stream<Arguments> stochastic() {
        NoiseSchedule study = LogLogitSchedule.standard();
        return Stream.of(
                Arguments.of("DDPM", new DiffusionSampler(study, 64, DdimStep.ddpm())),
                Arguments.of("DDIM eta 0.5", new DiffusionSampler(study, 64, new DdimStep(0.5))),
                Arguments.of("predictor-corrector", new DiffusionSampler(study, 64, PredictorCorrectorStep.standard())));
    }

    static Stream<Arguments> all() {
        return Stream.concat(deterministic(), stochastic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministic")
    void deterministicSamplersReproduceTheDataDistribution(String name, DiffusionSampler sampler) {
        INDArray x = sampleWithContext(sampler, 7);
        double sigmaMin = sampler.noiseLevels()[sampler.steps()];
        double[] m = DATA.mean.castTo(DataType.DOUBLE).data().asDouble();
        double[] v = DATA.variance.castTo(DataType.DOUBLE).data().asDouble();
        double[] sd = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            sd[i] = Math.sqrt(v[i] + sigmaMin * sigmaMin);
        }
        assertStandardNormal(name, generated(x), m, sd);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stochastic")
    void stochasticSamplersHaveTheExactMomentsOfTheirChain(String name, DiffusionSampler sampler) {
        INDArray x = sampleWithContext(sampler, 8);
        double[] m = DATA.mean.castTo(DataType.DOUBLE).data().asDouble();
        double[] v = DATA.variance.castTo(DataType.DOUBLE).data().asDouble();
        double[] chainMean = new double[m.length];
        double[] chainSd = new double[m.length];
        double worstBias = 0;
        for (int i = 0; i < m.length; i++) {
            double[] mv = chainMoments(sampler, m[i], v[i]);
            chainMean[i] = mv[0];
            chainSd[i] = Math.sqrt(mv[1]);
            worstBias = Math.max(worstBias, Math.abs(mv[1] / v[i] - 1));
        }
        System.out.printf("%-22s chain variance within %.1f%% of the data's at %d steps%n", name, 100 * worstBias,
                sampler.steps());
        assertStandardNormal(name, generated(x), chainMean, chainSd);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stochastic")
    void stochasticChainsConvergeToTheDataDistribution(String name, DiffusionSampler sampler) {
        // the exact chain moments, for growing step counts: the variance error must shrink towards 0
        double previous = Double.POSITIVE_INFINITY;
        for (int steps : new int[] {64, 256, 1024, 4096}) {
            DiffusionSampler s = new DiffusionSampler(sampler.schedule(), steps, sampler.rule());
            double[] mv = chainMoments(s, 0.3, 0.5);
            double err = Math.abs(mv[1] / 0.5 - 1) + Math.abs(mv[0] - 0.3);
            assertTrue(err < previous, name + ": error " + err + " at " + steps + " steps");
            previous = err;
        }
        assertTrue(previous < 2e-3, name + ": chain moments at 4096 steps off by " + previous);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void theSameSeedsGiveTheSameSamplesWhateverTheBatch(String name, DiffusionSampler full) {
        DiffusionSampler sampler = new DiffusionSampler(full.schedule(), 8, full.rule());
        long[] seeds = {11, 12, 13};
        INDArray a = sampler.sample(DATA.denoiser, DATA.batchShape(3), Conditioning.none(), NoiseSource.forRows(seeds));
        INDArray b = sampler.sample(DATA.denoiser, DATA.batchShape(3), Conditioning.none(), NoiseSource.forRows(seeds));
        assertEquals(a, b, name);
        INDArray alone = sampler.sample(DATA.denoiser, DATA.batchShape(1), Conditioning.none(), NoiseSource.forRows(12));
        assertEquals(a.slice(1), alone.slice(0), name + ": a row must not depend on the others");
        INDArray other = sampler.sample(DATA.denoiser, DATA.batchShape(1), Conditioning.none(), NoiseSource.forRows(99));
        assertNotEquals(alone, other);
    }

    @Test
    void deterministicSamplersMapTheSameNoiseToTheSameSampleAndUseNoOtherRandomness() {
        INDArray eps = Nd4j.randn(DataType.FLOAT, DATA.batchShape(2));
        for (StepRule rule : List.of(new AdamsBashforthStep(3), new HeunStep(), new DdimStep(0), new DpmSolver2MStep())) {
            DiffusionSampler s = new DiffusionSampler(LogLogitSchedule.standard(), 16, rule);
            INDArray a = s.sampleFrom(DATA.denoiser, eps, Conditioning.none(), NoiseSource.forRows(1, 2));
            INDArray b = s.sampleFrom(DATA.denoiser, eps, Conditioning.none(), NoiseSource.forRows(3, 4));
            assertEquals(a, b, rule.toString());
        }
        DiffusionSampler ddpm = new DiffusionSampler(LogLogitSchedule.standard(), 16, DdimStep.ddpm());
        assertNotEquals(ddpm.sampleFrom(DATA.denoiser, eps, Conditioning.none(), NoiseSource.forRows(1, 2)),
                ddpm.sampleFrom(DATA.denoiser, eps, Conditioning.none(), NoiseSource.forRows(3, 4)));
    }

    @Test
    void eulerEqualsDdimWithoutNoise() {
        GaussianFixture data = new GaussianFixture(DataType.DOUBLE, 3, 5);
        INDArray eps = Nd4j.randn(DataType.DOUBLE, data.batchShape(4));
        INDArray euler = new DiffusionSampler(LogLogitSchedule.standard(), 16, AdamsBashforthStep.euler())
                .sampleFrom(data.denoiser, eps, Conditioning.none(), NoiseSource.derived(0, 4));
        INDArray ddim = new DiffusionSampler(LogLogitSchedule.standard(), 16, new DdimStep(0))
                .sampleFrom(data.denoiser, eps, Conditioning.none(), NoiseSource.derived(0, 4));
        assertTrue(euler.equalsWithEps(ddim, 1e-9), "Euler and DDIM(0) are the same update");
    }

    @Test
    void theStudysSamplerIsAdamsBashforth3With16StepsOnTheLogLogitSchedule() {
        DiffusionSampler s = DiffusionSampler.study();
        assertEquals(16, s.steps());
        assertEquals(new AdamsBashforthStep(3), s.rule());
        assertEquals(LogLogitSchedule.standard(), s.schedule());
        double[] levels = s.noiseLevels();
        assertEquals(1e3, levels[0], 1e-6);
        assertEquals(1e-3, levels[16], 1e-12);
        assertEquals(16, s.evaluations());
    }

    @Test
    void adamsBashforthWeightsIntegrateLowDegreePolynomialsExactly() {
        // the weights integrate the interpolant through the nodes: for u^2 and three nodes the
        // quadrature sum_j w_j node_j^2 is the exact integral of u^2 over [a, b]
        double[] nodes = {5.0, 7.5, 11.0};
        double a = 5.0;
        double b = 3.2;
        double[] w = AdamsBashforthStep.weights(nodes, a, b);
        double quad = 0;
        double sum = 0;
        for (int j = 0; j < 3; j++) {
            quad += w[j] * nodes[j] * nodes[j];
            sum += w[j];
        }
        assertEquals((b * b * b - a * a * a) / 3, quad, 1e-12);
        assertEquals(b - a, sum, 1e-12);
        assertArrayEquals(new double[] {b - a}, AdamsBashforthStep.weights(new double[] {a}, a, b), 1e-15);
    }

    /**
     * Exact mean and variance of the output of a DDIM(eta) chain, optionally followed by Langevin
     * corrections, for scalar data N(m, v), written from the update formulas: with y = x - m and the
     * exact denoiser D - m = g y, g = v/(v + s^2), a DDIM step is y' = a y + s' sqrt(tau) eps with
     * a = g + (s'/s) sqrt(1 - tau) (1 - g); a correction is y' = (1 - delta (1 - g')) y + sqrt(2 delta) s' eps.
     * The chain starts at x = sqrt(1 + s0^2) eps, i.e. y ~ N(-m, 1 + s0^2).
     */
    static double[] chainMoments(DiffusionSampler sampler, double m, double v) {
        StepRule rule = sampler.rule();
        double eta;
        int corrections = 0;
        double delta = 0;
        if (rule instanceof PredictorCorrectorStep pc) {
            eta = ((DdimStep) pc.predictor()).eta();
            corrections = pc.corrections();
            delta = pc.delta();
        } else {
            eta = ((DdimStep) rule).eta();
        }
        double[] s = sampler.noiseLevels();
        double mean = -m;
        double var = 1 + s[0] * s[0];
        for (int i = 0; i < sampler.steps(); i++) {
            double g = v / (v + s[i] * s[i]);
            double r = s[i + 1] / s[i];
            double tau = Math.min(1, Math.max(0, eta * (1 - r * r)));
            double a = g + r * Math.sqrt(1 - tau) * (1 - g);
            mean = a * mean;
            var = a * a * var + s[i + 1] * s[i + 1] * tau;
            for (int k = 0; k < corrections && s[i + 1] > 0; k++) {
                double gs = v / (v + s[i + 1] * s[i + 1]);
                double c = 1 - delta * (1 - gs);
                mean = c * mean;
                var = c * c * var + 2 * delta * s[i + 1] * s[i + 1];
            }
        }
        return new double[] {m + mean, var};
    }

    private static INDArray sampleWithContext(DiffusionSampler sampler, long seed) {
        INDArray truth = Nd4j.rand(DataType.FLOAT, DATA.batchShape(ROWS)).muli(10);
        Conditioning c = Conditioning.knownFrames(truth, 1, null);
        INDArray x = sampler.sample(DATA.denoiser, DATA.batchShape(ROWS), c, NoiseSource.derived(seed, ROWS));
        assertEquals(truth.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)),
                x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)), "context frames must be returned unchanged");
        return x;
    }

    /** Frames 1.. of every row, as doubles {@code [ROWS][entries of those frames]}, with their entry index. */
    private static double[][] generated(INDArray x) {
        double[][] rows = new double[ROWS][];
        for (int b = 0; b < ROWS; b++) {
            rows[b] = x.slice(b).castTo(DataType.DOUBLE).dup().data().asDouble();
        }
        return rows;
    }

    /** Pools (x - mean_i) / sd_i over rows and the entries of the generated frames. */
    private static void assertStandardNormal(String name, double[][] rows, double[] mean, double[] sd) {
        int perFrame = mean.length / FRAMES;
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (double[] row : rows) {
            for (int i = perFrame; i < row.length; i++) {
                double z = (row[i] - mean[i]) / sd[i];
                sum += z;
                sumSq += z * z;
                n++;
            }
        }
        double m = sum / n;
        double var = (sumSq - n * m * m) / (n - 1);
        double seMean = 1 / Math.sqrt(n);
        double seVar = Math.sqrt(2.0 / (n - 1));
        System.out.printf("%-22s n=%d  mean %+.4f (%+.1f se)  var %.4f (%+.1f se)%n", name, n, m, m / seMean, var,
                (var - 1) / seVar);
        assertEquals(0, m, 5 * seMean, name + ": mean");
        assertEquals(1, var, 5 * seVar, name + ": variance");
    }
}
