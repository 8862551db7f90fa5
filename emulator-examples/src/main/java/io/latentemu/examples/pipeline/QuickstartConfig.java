package io.latentemu.examples.pipeline;

import java.util.Map;
import java.util.Objects;

/**
 * Everything {@code ./emulator quickstart} does: the dataset it generates, the autoencoder, the latent
 * diffusion and latent deterministic emulators and how they are rolled out. {@code --config FILE} names only
 * the keys it changes; the defaults are the settings measured in docs/getting-started.md.
 *
 * @param dataset       generated with a built-in simulator
 * @param autoencoder   the autoencoder run (its {@code dataset} key is set by the quickstart)
 * @param diffusion     the latent diffusion emulator (kind and space fixed)
 * @param deterministic the latent deterministic emulator (kind and space fixed)
 */
public record QuickstartConfig(DatasetSettings dataset, AutoencoderRunConfig autoencoder, EmulatorRunConfig diffusion,
                               EmulatorRunConfig deterministic) {

    public QuickstartConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(autoencoder, "autoencoder");
        Objects.requireNonNull(diffusion, "diffusion");
        Objects.requireNonNull(deterministic, "deterministic");
        if (diffusion.kind() != EmulatorKind.DIFFUSION || diffusion.space() != EmulationSpace.LATENT) {
            throw new IllegalArgumentException("diffusion must be a latent diffusion emulator");
        }
        if (deterministic.kind() != EmulatorKind.DETERMINISTIC || deterministic.space() != EmulationSpace.LATENT) {
            throw new IllegalArgumentException("deterministic must be a latent deterministic emulator");
        }
    }

    /**
     * Training steps of the quickstart's autoencoder: 1000 at a peak learning rate of 0.003 reached a test VRMSE
     * of 0.097, against 0.102 for 1000 steps at 0.002 and 0.0955 for 1200 at 0.002 (the train-autoencoder default).
     */
    public static final long AUTOENCODER_STEPS = 1000;
    /** Peak learning rate of the quickstart's autoencoder. */
    public static final double AUTOENCODER_LEARNING_RATE = 3e-3;
    /** Training steps of the quickstart's diffusion emulator. */
    public static final long DIFFUSION_STEPS = 700;
    /** Members of the quickstart's diffusion ensembles. */
    public static final int ENSEMBLE = 4;
    /** Training steps of the quickstart's deterministic emulator. */
    public static final long DETERMINISTIC_STEPS = 500;

    /** The quickstart's settings: the Euler dataset at 64x64 and the networks tuned to its time budget. */
    public static QuickstartConfig defaults() {
        DatasetSettings data = new DatasetSettings("euler", 64, 100, 32, 4, 4, 0, Map.of());
        EmulatorRunConfig diffusion = EmulatorRunConfig.defaults(EmulatorKind.DIFFUSION, EmulationSpace.LATENT);
        EmulatorRunConfig deterministic = EmulatorRunConfig.defaults(EmulatorKind.DETERMINISTIC, EmulationSpace.LATENT);
        // step counts fitted to the 15-minute budget on 2 cores (docs/getting-started.md has the measured run)
        AutoencoderRunConfig autoencoder = AutoencoderRunConfig.defaults();
        autoencoder = autoencoder.withTraining(autoencoder.training().withSteps(AUTOENCODER_STEPS)
                .withLearningRate(AUTOENCODER_LEARNING_RATE));
        return new QuickstartConfig(data, autoencoder,
                diffusion.withTraining(diffusion.training().withSteps(DIFFUSION_STEPS))
                        .withRollout(diffusion.rollout().with(ENSEMBLE, null, null)),
                deterministic.withTraining(deterministic.training().withSteps(DETERMINISTIC_STEPS)));
    }
}
