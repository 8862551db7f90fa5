package io.latentemu.core.diffusion;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A noise schedule: the signal scale {@code alpha(t)} and noise scale {@code sigma(t)} of the
 * perturbation {@code x_t = alpha(t) x + sigma(t) eps}, for a time {@code t} in [0, 1] where t = 0 is
 * (almost) clean data and t = 1 is (almost) pure noise.
 *
 * <p>Everything downstream (denoisers, samplers, the training loss) only needs the noise-to-signal
 * ratio {@link #noiseToSignal(double) sigma(t)/alpha(t)}: dividing {@code x_t} by {@code alpha(t)}
 * gives {@code x + (sigma/alpha) eps}, the variance-exploding form in which {@link Denoiser}s work.
 * It must increase strictly with t, so that the sampler's time grid maps to a decreasing noise level.
 *
 * <p>Implementations are immutable records, serialised by Jackson with a {@code "type"} property;
 * a user-defined schedule registers its own subtype with the {@code ObjectMapper}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LogLinearSchedule.class, name = "log_linear"),
        @JsonSubTypes.Type(value = LogLogitSchedule.class, name = "log_logit"),
        @JsonSubTypes.Type(value = VariancePreservingSchedule.class, name = "variance_preserving"),
        @JsonSubTypes.Type(value = CosineSchedule.class, name = "cosine"),
        @JsonSubTypes.Type(value = RectifiedFlowSchedule.class, name = "rectified_flow"),
        @JsonSubTypes.Type(value = EdmSchedule.class, name = "edm"),
})
public interface NoiseSchedule {

    /** Signal scale alpha(t) &gt; 0 for t in [0, 1]. */
    double alpha(double t);

    /** Noise scale sigma(t) &ge; 0 for t in [0, 1]. */
    double sigma(double t);

    /**
     * sigma(t) / alpha(t): the noise level of the equivalent variance-exploding process
     * {@code x_t / alpha(t) = x + (sigma/alpha) eps}, which is what a {@link Denoiser} is given.
     */
    default double noiseToSignal(double t) {
        return sigma(t) / alpha(t);
    }

    /** Fails unless t is a finite number in [0, 1]. */
    static void checkTime(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("diffusion time must be in [0, 1], got " + t);
        }
    }
}
