package io.latentemu.examples.pipeline;

import io.latentemu.data.norm.NormalizationMode;
import io.latentemu.models.autoencoder.ReconstructionLoss;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code ./emulator train-autoencoder} does, as written to {@code autoencoder.yaml} in the run
 * directory. A configuration file ({@code --config}) names only the keys it changes.
 *
 * @param dataset       dataset directory (set from {@code --data})
 * @param normalization per-channel normalisation of the states: {@code ZSCORE} (The Well's) or {@code RMS}
 * @param network       the architecture
 * @param loss          the reconstruction error minimised: {@code MSE} of the normalised fields (default) or
 *                      {@code VRMSE} (each state and channel counts alike, as in the evaluation)
 * @param training      optimisation of the reconstruction loss over single states
 * @param evaluation    test trajectories whose reconstruction error is measured after training (0: all)
 */
public record AutoencoderRunConfig(String dataset, NormalizationMode normalization, AutoencoderNetwork network,
                                   ReconstructionLoss loss, TrainingSettings training, int evaluation) {

    public AutoencoderRunConfig {
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(training, "training");
        if (normalization == NormalizationMode.NONE) {
            throw new IllegalArgumentException("normalization must be ZSCORE or RMS");
        }
        if (evaluation < 0) {
            throw new IllegalArgumentException("evaluation must be >= 0 (0: every test trajectory), got " + evaluation);
        }
    }

    /**
     * The defaults: the quickstart's autoencoder for 64x64 states, 3 levels down to latents of 8 x 16 x 16 (10x
     * for 5 channels).
     */
    public static AutoencoderRunConfig defaults() {
        return new AutoencoderRunConfig(null, NormalizationMode.ZSCORE,
                new AutoencoderNetwork(List.of(16, 32, 64), 1, 8, 0.0, true), ReconstructionLoss.MSE,
                new TrainingSettings(1200, 16, 2e-3, 50, 2e-5, 0.0, 1.0, 0.0, 250, 50, 0), 0);
    }

    /** This configuration for a dataset. */
    public AutoencoderRunConfig withDataset(String path) {
        return new AutoencoderRunConfig(path, normalization, network, loss, training, evaluation);
    }

    /** This configuration with other training settings. */
    public AutoencoderRunConfig withTraining(TrainingSettings other) {
        return new AutoencoderRunConfig(dataset, normalization, network, loss, other, evaluation);
    }

    /** This configuration with another architecture. */
    public AutoencoderRunConfig withNetwork(AutoencoderNetwork other) {
        return new AutoencoderRunConfig(dataset, normalization, other, loss, training, evaluation);
    }
}
