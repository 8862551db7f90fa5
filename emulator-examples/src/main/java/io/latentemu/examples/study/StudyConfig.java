package io.latentemu.examples.study;

import io.latentemu.examples.pipeline.AutoencoderNetwork;
import io.latentemu.examples.pipeline.AutoencoderRunConfig;
import io.latentemu.examples.pipeline.DatasetSettings;
import io.latentemu.examples.pipeline.EmulationSpace;
import io.latentemu.examples.pipeline.EmulatorKind;
import io.latentemu.examples.pipeline.EmulatorRunConfig;
import io.latentemu.examples.pipeline.QuickstartConfig;
import java.util.List;
import java.util.Objects;

/**
 * The compression study ({@code ./emulator study}): one autoencoder per number of latent channels (the
 * compression rates), a latent diffusion and a latent deterministic emulator on each, a pixel-space
 * deterministic emulator, and persistence, all on one dataset and evaluated on the same test trajectories.
 *
 * @param dataset        generated with a built-in simulator (unless {@code --data} names a dataset)
 * @param latentChannels latent channels of each autoencoder; with the autoencoder's levels they set the rates
 * @param autoencoder    every autoencoder's settings except its latent channels
 * @param diffusion      the latent diffusion emulators' settings
 * @param deterministic  the latent deterministic emulators' settings
 * @param pixel          the pixel-space deterministic emulator's settings
 */
public record StudyConfig(DatasetSettings dataset, List<Integer> latentChannels, AutoencoderRunConfig autoencoder,
                          EmulatorRunConfig diffusion, EmulatorRunConfig deterministic, EmulatorRunConfig pixel) {

    public StudyConfig {
        Objects.requireNonNull(dataset, "dataset");
        latentChannels = List.copyOf(latentChannels);
        if (latentChannels.isEmpty() || latentChannels.stream().anyMatch(c -> c == null || c < 1)) {
            throw new IllegalArgumentException("latentChannels must list at least one positive channel count: " + latentChannels);
        }
        check(diffusion, EmulatorKind.DIFFUSION, EmulationSpace.LATENT, "diffusion");
        check(deterministic, EmulatorKind.DETERMINISTIC, EmulationSpace.LATENT, "deterministic");
        check(pixel, EmulatorKind.DETERMINISTIC, EmulationSpace.PIXEL, "pixel");
    }

    private static void check(EmulatorRunConfig c, EmulatorKind kind, EmulationSpace space, String key) {
        Objects.requireNonNull(c, key);
        if (c.kind() != kind || c.space() != space) {
            throw new IllegalArgumentException(key + " must be a " + space.label() + " " + kind.label() + " emulator");
        }
    }

    /**
     * A named preset. {@code small}: the quickstart's Euler data; autoencoders of 4 levels
     * (widths 16, 32, 64, 128) down to latents of 8 x 8 with 20, 4 and 1 channels, i.e. 16x, 80x and 320x
     * compression of the 5 x 64 x 64 states; emulators whose ViT (width 128, above the 84 values of a token of
     * the 20-channel latents) sees 16 tokens per state, i.e. 2 x 2 patches of the latents and 16 x 16 patches
     * of the fields for the pixel-space one.
     */
    public static StudyConfig preset(String name) {
        if (!name.equals("small")) {
            throw new IllegalArgumentException("unknown study preset '" + name + "'; known: small");
        }
        QuickstartConfig q = QuickstartConfig.defaults();
        AutoencoderNetwork n = q.autoencoder().network();
        AutoencoderRunConfig autoencoder = q.autoencoder().withNetwork(
                new AutoencoderNetwork(List.of(16, 32, 64, 128), n.blocksPerLevel(), 20, n.dropout(), n.softClip()));
        // the train-autoencoder default learning rate (0.002), with which docs/results.md was measured
        autoencoder = autoencoder.withTraining(autoencoder.training().withSteps(AUTOENCODER_STEPS)
                .withLearningRate(AutoencoderRunConfig.defaults().training().learningRate()));
        return new StudyConfig(q.dataset(), List.of(20, 4, 1), autoencoder,
                small(EmulatorKind.DIFFUSION, EmulationSpace.LATENT, 2, DIFFUSION_STEPS),
                small(EmulatorKind.DETERMINISTIC, EmulationSpace.LATENT, 2, DETERMINISTIC_STEPS),
                small(EmulatorKind.DETERMINISTIC, EmulationSpace.PIXEL, 16, DETERMINISTIC_STEPS));
    }

    /** Training steps of each of the small preset's autoencoders (3 of them: fewer than the quickstart's one). */
    public static final long AUTOENCODER_STEPS = 1000;
    /** Training steps of each of the small preset's latent diffusion emulators. */
    public static final long DIFFUSION_STEPS = 700;
    /** Training steps of each of the small preset's deterministic emulators (latent and pixel). */
    public static final long DETERMINISTIC_STEPS = 500;

    private static EmulatorRunConfig small(EmulatorKind kind, EmulationSpace space, int patch, long steps) {
        EmulatorRunConfig c = EmulatorRunConfig.defaults(kind, space, patch, 128);
        return c.withTraining(c.training().withSteps(steps));
    }
}
