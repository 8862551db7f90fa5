package io.latentemu.models.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.models.backbone.BackboneConfig;
import io.latentemu.models.backbone.WindowShape;

/**
 * What a saved window model (denoiser or neural solver) records about itself.
 *
 * @param window         shape {@code [L, C, H, W]} of its windows
 * @param parameterCount P, simulation parameters per sample (0 for none)
 * @param backbone       the built-in backbone's configuration, or null for a custom one
 * @param description    a human-readable name of the backbone (the class name for a custom one)
 * @param task           the diffusion objective (schedule, time prior, preconditioning); null for a solver
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowModelSpec(@JsonProperty("window") WindowShape window,
                              @JsonProperty("parameterCount") int parameterCount,
                              @JsonProperty("backbone") BackboneConfig backbone,
                              @JsonProperty("description") String description,
                              @JsonProperty("task") DenoisingTask task) {

    /** Validates the counts. */
    @JsonCreator
    public WindowModelSpec {
        java.util.Objects.requireNonNull(window, "window");
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameter count must be >= 0: " + parameterCount);
        }
    }
}
