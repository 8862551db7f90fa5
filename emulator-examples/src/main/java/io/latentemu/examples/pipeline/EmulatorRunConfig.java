package io.latentemu.examples.pipeline;

import io.latentemu.data.norm.NormalizationMode;
import io.latentemu.models.backbone.BackboneConfig;
import io.latentemu.models.backbone.VitConfig;
import io.latentemu.models.nn.PositionCode;
import java.util.Objects;

/**
 * Everything {@code ./emulator train-emulator} and the later stages of an emulator run do, as written to
 * {@code emulator.yaml} in the run directory. A configuration file ({@code --config}) names only the keys it
 * changes.
 *
 * @param kind          diffusion or deterministic
 * @param space         latent (needs {@code autoencoder}) or pixel
 * @param dataset       dataset directory (set from {@code --data})
 * @param autoencoder   run directory of the autoencoder (latent space; set from {@code --autoencoder})
 * @param normalization per-channel normalisation in pixel space (latent space uses the autoencoder's)
 * @param frames        window length L (context plus generated states)
 * @param context       known states per window c; each call of the emulator generates L - c states
 * @param backbone      the network ({@code type: vit} or {@code type: unet}, see models' configurations)
 * @param training      optimisation
 * @param rollout       how the test trajectories are emulated
 */
public record EmulatorRunConfig(EmulatorKind kind, EmulationSpace space, String dataset, String autoencoder,
                                NormalizationMode normalization, int frames, int context, BackboneConfig backbone,
                                TrainingSettings training, RolloutSettings rollout) {

    public EmulatorRunConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(backbone, "backbone");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(rollout, "rollout");
        if (context < 1 || frames <= context) {
            throw new IllegalArgumentException("need 1 <= context < frames, got context " + context + ", frames " + frames);
        }
        if (normalization == NormalizationMode.NONE) {
            throw new IllegalArgumentException("normalization must be ZSCORE or RMS");
        }
    }

    /**
     * The defaults of a kind and space: the quickstart's emulators, whose ViT (width 192) sees 16 tokens per
     * state, i.e. patches of 4 x 4 on its 8 x 16 x 16 latents or of 16 x 16 on 64 x 64 fields.
     */
    public static EmulatorRunConfig defaults(EmulatorKind kind, EmulationSpace space) {
        return defaults(kind, space, space == EmulationSpace.PIXEL ? 16 : 4, 192);
    }

    /**
     * The defaults of a kind and space with ViT patches of {@code patchSize} cells and {@code width} channels.
     * Keep the width above the values a token carries, {@code (channels + 1) * patchSize^2}: below it the token
     * embedding is lossy, and diffusion samples keep noise the denoiser cannot see (see docs/configuration.md).
     */
    public static EmulatorRunConfig defaults(EmulatorKind kind, EmulationSpace space, int patchSize, int width) {
        VitConfig vit = VitConfig.builder().width(width).depth(4).heads(4).patchSize(patchSize)
                .positionCode(PositionCode.ROTARY).noiseFeatures(64).build();
        TrainingSettings training = new TrainingSettings(1000, 16, 1e-3, 50, 1e-5, 0.0, 1.0, 0.0, 250, 50, 0);
        RolloutSettings rollout = RolloutSettings.defaults();
        if (kind == EmulatorKind.DETERMINISTIC) {
            rollout = new RolloutSettings(1, rollout.sampler(), rollout.samplerSteps(), rollout.trajectories(),
                    rollout.leads(), rollout.batchRows(), rollout.seed());
        }
        return new EmulatorRunConfig(kind, space, null, null, NormalizationMode.ZSCORE, 5, 1, vit, training, rollout);
    }

    /** Members per trajectory actually used: 1 for a deterministic emulator. */
    public int ensemble() {
        return kind == EmulatorKind.DETERMINISTIC ? 1 : rollout.ensemble();
    }

    /** This configuration with the run's inputs set. */
    public EmulatorRunConfig withInputs(String datasetPath, String autoencoderRun) {
        return new EmulatorRunConfig(kind, space, datasetPath, autoencoderRun, normalization, frames, context, backbone,
                training, rollout);
    }

    /** This configuration with other training settings. */
    public EmulatorRunConfig withTraining(TrainingSettings settings) {
        return new EmulatorRunConfig(kind, space, dataset, autoencoder, normalization, frames, context, backbone, settings,
                rollout);
    }

    /** This configuration with other rollout settings. */
    public EmulatorRunConfig withRollout(RolloutSettings settings) {
        return new EmulatorRunConfig(kind, space, dataset, autoencoder, normalization, frames, context, backbone, training,
                settings);
    }
}
