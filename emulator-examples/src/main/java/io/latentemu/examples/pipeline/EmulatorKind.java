package io.latentemu.examples.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The two emulators the pipeline trains: generative (diffusion) and its deterministic counterpart. */
public enum EmulatorKind {
    /** A denoiser sampled with the context clamped: ensembles, calibrated spread. */
    @JsonProperty("diffusion") DIFFUSION,
    /** The neural solver: one pass predicts the window. */
    @JsonProperty("deterministic") DETERMINISTIC;

    /** Lower-case name as used on the command line and in files. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
