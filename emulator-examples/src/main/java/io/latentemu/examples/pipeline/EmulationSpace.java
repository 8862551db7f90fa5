package io.latentemu.examples.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an emulator works: on the autoencoder's latents or directly on the (normalised) fields. */
public enum EmulationSpace {
    @JsonProperty("latent") LATENT,
    @JsonProperty("pixel") PIXEL;

    /** Lower-case name as used on the command line and in files. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
