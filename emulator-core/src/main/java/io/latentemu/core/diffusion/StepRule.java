package io.latentemu.core.diffusion;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a reverse-diffusion integrator in the variance-exploding form: moves the state from
 * noise level {@code sigmaT} to {@code sigmaS < sigmaT}. {@link DiffusionSampler} runs the loop, calls the
 * denoiser once at the start of every step and keeps the history; a rule only combines what it is given
 * (and may call the denoiser again, as Heun's method and the corrector do).
 *
 * <p>Rules are immutable; everything that changes during a run lives in the {@link StepContext}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AdamsBashforthStep.class, name = "adams_bashforth"),
        @JsonSubTypes.Type(value = DdimStep.class, name = "ddim"),
        @JsonSubTypes.Type(value = HeunStep.class, name = "heun"),
        @JsonSubTypes.Type(value = DpmSolver2MStep.class, name = "dpm_solver_2m"),
        @JsonSubTypes.Type(value = PredictorCorrectorStep.class, name = "predictor_corrector"),
})
public interface StepRule {

    /** The state at {@code ctx.sigmaS()}. */
    INDArray advance(StepContext ctx);

    /** How many of the most recent evaluations the rule reads (1 for one-step methods). */
    default int memory() {
        return 1;
    }

    /** Denoiser calls per step, counting the one the loop makes (for cost accounting). */
    default int evaluationsPerStep() {
        return 1;
    }
}
