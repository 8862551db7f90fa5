package io.latentemu.core.diffusion;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The distribution of diffusion times t in [0, 1] at which a denoiser is trained.
 * Serialised by Jackson with a {@code "type"} property.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = UniformTimePrior.class, name = "uniform"),
})
public interface TimePrior {

    /** {@code n} independent times, a pure function of {@code seed}. */
    double[] sample(int n, long seed);
}
