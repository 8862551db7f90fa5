package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DPM-Solver++(2M) (Lu et al., 2022): a second-order multistep exponential integrator of the ODE in
 * the log noise level {@code lambda = -log sigma}, predicting data. With {@code h = log(sigmaT/sigmaS)}
 * and the previous step's {@code h'}, {@code r = h'/h}:
 * {@code D' = (1 + 1/(2r)) D_t - 1/(2r) D_prev} and {@code x_s = (sigmaS/sigmaT) x + (1 - sigmaS/sigmaT) D'}.
 * The first step (no history) and a final step to sigma = 0 are first order.
 */
public record DpmSolver2MStep() implements StepRule {

    @Override
    public int memory() {
        return 2;
    }

    @Override
    public INDArray advance(StepContext ctx) {
        double ratio = ctx.sigmaS() / ctx.sigmaT();
        // x_s = ratio x + (1 - ratio) d, with d extrapolated from the last two estimates after the first step
        INDArray x = ctx.nextState().assign(ctx.current().denoised());
        if (ctx.historySize() > 1 && ctx.sigmaS() > 0) {
            StepContext.Evaluation prev = ctx.previous(1);
            double h = Math.log(ctx.sigmaT() / ctx.sigmaS());
            double hPrev = Math.log(prev.sigma() / ctx.sigmaT());
            double c = 0.5 * h / hPrev;
            x.muli(1 + c);
            StepContext.addScaled(x, -c, prev.denoised());
        }
        x.muli(1 - ratio);
        StepContext.addScaled(x, ratio, ctx.x());
        return x;
    }
}
