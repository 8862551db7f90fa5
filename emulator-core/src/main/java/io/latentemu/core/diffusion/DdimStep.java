package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DDIM (Song et al., 2021): {@code x_s = D + sigmaS sqrt(1 - tau) (x - D)/sigmaT + sigmaS sqrt(tau) eps}
 * with {@code tau = eta (1 - sigmaS^2/sigmaT^2)} clipped to [0, 1]. eta = 0 is deterministic (and equal
 * to Euler's method on sigma); eta = 1 is ancestral DDPM sampling (Ho et al., 2020), whose noise is the
 * exact posterior noise of the forward process.
 *
 * @param eta stochasticity, &ge; 0
 */
public record DdimStep(double eta) implements StepRule {

    /** DDPM's ancestral sampler. */
    public static DdimStep ddpm() {
        return new DdimStep(1.0);
    }

    public DdimStep {
        if (!(eta >= 0 && Double.isFinite(eta))) {
            throw new IllegalArgumentException("eta must be >= 0, got " + eta);
        }
    }

    @Override
    public INDArray advance(StepContext ctx) {
        double r = ctx.sigmaS() / ctx.sigmaT();
        double tau = Math.min(1.0, Math.max(0.0, eta * (1 - r * r)));
        StepContext.Evaluation e = ctx.current();
        INDArray x = ctx.nextState().assign(e.denoised());
        StepContext.addScaled(x, ctx.sigmaS() * Math.sqrt(1 - tau), e.derivative());
        if (tau > 0) {
            x.addi(ctx.noise(0).muli(ctx.sigmaS() * Math.sqrt(tau)));
        }
        return x;
    }
}
