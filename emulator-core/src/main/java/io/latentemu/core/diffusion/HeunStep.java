package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Heun's second-order method on sigma (EDM's deterministic sampler): an Euler step, a second
 * evaluation at its end, then the step with the mean of both velocities. The last step, which ends at
 * sigma = 0 for schedules that reach clean data, stays a plain Euler step.
 */
public record HeunStep() implements StepRule {

    @Override
    public int evaluationsPerStep() {
        return 2;
    }

    @Override
    public INDArray advance(StepContext ctx) {
        double h = ctx.sigmaS() - ctx.sigmaT();
        INDArray z = ctx.current().derivative();
        INDArray euler = ctx.x().add(z.mul(h));
        if (ctx.sigmaS() == 0) {
            return euler;
        }
        INDArray zEnd = euler.sub(ctx.denoise(euler, ctx.sigmaS())).divi(ctx.sigmaS());
        return zEnd.addi(z).muli(0.5 * h).addi(ctx.x());
    }
}
