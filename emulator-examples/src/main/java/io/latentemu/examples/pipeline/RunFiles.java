package io.latentemu.examples.pipeline;

/** Names of the stages and files of a run directory, shared by the commands, the report and the tests. */
public final class RunFiles {

    /** Stage: training of the run's network. */
    public static final String TRAIN = "train";
    /** Stage: reconstruction error of an autoencoder on the test split. */
    public static final String RECONSTRUCTION = "reconstruction";
    /** Stage: latents of every split cached by an autoencoder run. */
    public static final String ENCODE = "encode";
    /** Stage: emulation of the test trajectories. */
    public static final String ROLLOUT = "rollout";
    /** Stage: metrics of the rollout, persistence and the autoencoder. */
    public static final String EVALUATE = "evaluate";

    /** Resolved configuration of an autoencoder run ({@code autoencoder.yaml}). */
    public static final String AUTOENCODER_CONFIG = "autoencoder";
    /** Resolved configuration of an emulator run ({@code emulator.yaml}). */
    public static final String EMULATOR_CONFIG = "emulator";
    /** Resolved rollout settings ({@code rollout.yaml}). */
    public static final String ROLLOUT_CONFIG = "rollout";

    /** The trained model (models' one-file format). */
    public static final String MODEL = "model.zip";
    /** Directory of cached latents, one file per split. */
    public static final String LATENTS = "latents";
    /** Emulated latent trajectories of the test split. */
    public static final String ROLLOUT_FILE = "rollout/latents.bin";
    /** Decoded states of the first test trajectory (truth and a few members), for figures. */
    public static final String SNAPSHOTS_FILE = "rollout/snapshots.bin";
    /** Directory of metric tables (JSON and CSV). */
    public static final String METRICS = "metrics";
    /** Directory of figures. */
    public static final String FIGURES = "figures";

    private RunFiles() {
    }
}
