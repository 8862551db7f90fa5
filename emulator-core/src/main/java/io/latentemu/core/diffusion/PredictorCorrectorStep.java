package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predictor-corrector sampling (Song et al., 2021): a predictor step to the next noise level, then
 * {@code corrections} Langevin steps that target the marginal at that level,
 * {@code x <- x + delta (D(x) - x) + sqrt(2 delta) sigma eps} (a Langevin step of size
 * {@code delta sigma^2} along the score {@code (D - x)/sigma^2}). No correction at sigma = 0.
 *
 * @param predictor   the step rule that moves between noise levels (e.g. DDIM with eta = 0)
 * @param corrections Langevin steps per noise level, &ge; 0
 * @param delta       relative Langevin step size, in (0, 1)
 */
public record PredictorCorrectorStep(StepRule predictor, int corrections, double delta) implements StepRule {

    /** DDIM (eta = 0) predictor with one correction of size 0.01 per step, as in the study's code. */
    public static PredictorCorrectorStep standard() {
        return new PredictorCorrectorStep(new DdimStep(0), 1, 0.01);
    }

    public PredictorCorrectorStep {
        if (predictor == null || predictor instanceof PredictorCorrectorStep) {
            throw new IllegalArgumentException("the predictor must be a plain step rule, got " + predictor);
        }
        if (corrections < 0) {
            throw new IllegalArgumentException("corrections must be >= 0, got " + corrections);
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
    }

    @Override
    public int memory() {
        return predictor.memory();
    }

    @Override
    public int evaluationsPerStep() {
        return predictor.evaluationsPerStep() + corrections;
    }

    @Override
    public INDArray advance(StepContext ctx) {
        INDArray x = predictor.advance(ctx);
        double sigma = ctx.sigmaS();
        if (sigma == 0) {
            return x;
        }
        for (int k = 0; k < corrections; k++) {
            INDArray d = ctx.denoise(x, sigma);
            x = d.subi(x).muli(delta).addi(x).addi(ctx.noise(1 + k).muli(Math.sqrt(2 * delta) * sigma));
        }
        return x;
    }
}
