package io.latentemu.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sampler loop reuses its arrays from step to step ({@link StepContext}); these tests compare it with loops
 * written plainly, with a fresh array for every intermediate, so a buffer overwritten while still needed shows.
 */
class StepContextReuseTest {

    private static final GaussianFixture DATA = new GaussianFixture(DataType.DOUBLE, 3, 4, 5);

    @Test
    void addScaledAddsAMultipleInPlace() {
        INDArray target = Nd4j.createFromArray(1.0f, -2.0f, 3.0f);
        INDArray result = StepContext.addScaled(target, 0.5, Nd4j.createFromArray(2.0f, 4.0f, -6.0f));
        assertSame(target, result);
        assertArrayEquals(new float[] {2.0f, 0.0f, 0.0f}, target.toFloatVector(), 0f);
    }

    /** Adams-Bashforth 3 with context, against the same integrator written with fresh arrays throughout. */
    @Test
    void adamsBashforthWithReusedArraysEqualsAPlainLoop() {
        INDArray eps = Nd4j.randn(DataType.DOUBLE, DATA.batchShape(6));
        Conditioning known = Conditioning.knownFrames(Nd4j.randn(DataType.DOUBLE, DATA.batchShape(6)), 1, null);
        DiffusionSampler sampler = new DiffusionSampler(LogLogitSchedule.standard(), 12, new AdamsBashforthStep(3));
        INDArray reused = sampler.sampleFrom(DATA.denoiser, eps, known, NoiseSource.derived(0, 6));

        double[] sigma = sampler.noiseLevels();
        MaskedDenoiser masked = new MaskedDenoiser(DATA.denoiser);
        INDArray x = eps.mul(Math.sqrt(1 + sigma[0] * sigma[0]));
        List<INDArray> velocities = new ArrayList<>();
        List<Double> nodes = new ArrayList<>();
        for (int i = 0; i < sampler.steps(); i++) {
            INDArray d = masked.denoise(x, Nd4j.valueArrayOf(new long[] {6}, sigma[i], DataType.DOUBLE), known);
            velocities.add(0, x.sub(d).div(sigma[i]));
            nodes.add(0, sigma[i]);
            int n = Math.min(3, velocities.size());
            double[] w = AdamsBashforthStep.weights(nodes.subList(0, n).stream().mapToDouble(Double::doubleValue).toArray(),
                    sigma[i], sigma[i + 1]);
            INDArray next = x.dup();
            for (int j = 0; j < n; j++) {
                next = next.add(velocities.get(j).mul(w[j]));
            }
            x = next;
        }
        INDArray plain = MaskedDenoiser.clamp(x, known);
        assertTrue(reused.equalsWithEps(plain, 1e-12), "max difference " + reused.sub(plain).amaxNumber());
    }

    /**
     * A rule may return one of the evaluation's own arrays as the next state; the next step must then not
     * overwrite it before reading it. This rule jumps to the denoised estimate on even steps and takes an Euler
     * step on odd ones, once returning the evaluation's array itself and once a copy.
     */
    @Test
    void aStateLivingInAnEvaluationsArrayIsNotOverwritten() {
        INDArray eps = Nd4j.randn(DataType.DOUBLE, DATA.batchShape(4));
        INDArray aliased = jumpThenEuler(false).sampleFrom(DATA.denoiser, eps, Conditioning.none(), NoiseSource.derived(0, 4));
        INDArray copied = jumpThenEuler(true).sampleFrom(DATA.denoiser, eps, Conditioning.none(), NoiseSource.derived(0, 4));
        assertTrue(aliased.equalsWithEps(copied, 1e-12), "max difference " + aliased.sub(copied).amaxNumber());
    }

    private static DiffusionSampler jumpThenEuler(boolean copy) {
        StepRule rule = ctx -> {
            if (ctx.index() % 2 == 0) {
                INDArray d = ctx.current().denoised();
                return copy ? d.dup() : d;
            }
            return ctx.x().add(ctx.current().derivative().mul(ctx.sigmaS() - ctx.sigmaT()));
        };
        return new DiffusionSampler(LogLogitSchedule.standard(), 8, rule);
    }
}
