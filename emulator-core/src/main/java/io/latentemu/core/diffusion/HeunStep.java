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
        INDArray x = ctx.nextState().assign(ctx.x());
        StepContext.addScaled(x, h, z);
        if (ctx.sigmaS() == 0) {
            return x;
        }
        // trapezoid: x + h/2 (z + zEnd), with zEnd the velocity at the Euler point
        INDArray zEnd = ctx.denoise(x, ctx.sigmaS()).rsubi(x).divi(ctx.sigmaS());
        x.assign(ctx.x());
        StepContext.addScaled(x, 0.5 * h, z);
        StepContext.addScaled(x, 0.5 * h, zEnd);
        return x;
    }
}
