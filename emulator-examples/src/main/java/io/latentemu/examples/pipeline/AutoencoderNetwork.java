package io.latentemu.examples.pipeline;

import io.latentemu.models.autoencoder.AutoencoderConfig;
import io.latentemu.models.nn.Periodicity;
import java.util.List;

/**
 * The autoencoder's architecture as a configuration file gives it (key {@code network}); the number of input
 * channels and the periodic axes come from the dataset. See models' {@link AutoencoderConfig}.
 *
 * @param widths         channels per level; each level after the first halves H and W
 * @param blocksPerLevel residual blocks per level, in encoder and decoder each
 * @param latentChannels channels of the latent state
 * @param dropout        dropout rate in residual blocks while training
 * @param softClip       whether latents are softly bounded to (-5, 5)
 */
public record AutoencoderNetwork(List<Integer> widths, int blocksPerLevel, int latentChannels, double dropout,
                                 boolean softClip) {

    public AutoencoderNetwork {
        widths = List.copyOf(widths);
        toConfig(1, Periodicity.none(), widths, blocksPerLevel, latentChannels, dropout, softClip); // validates
    }

    /** The models' configuration for states of {@code channels} channels. */
    public AutoencoderConfig toConfig(int channels, Periodicity periodic) {
        return toConfig(channels, periodic, widths, blocksPerLevel, latentChannels, dropout, softClip);
    }

    /** Spatial downsampling per axis, {@code 2^(levels - 1)}. */
    public int downsampling() {
        return 1 << (widths.size() - 1);
    }

    /** Compression rate {@code C H W / (c h w)} for states of {@code channels} channels. */
    public double compressionRate(int channels) {
        return (double) channels * downsampling() * downsampling() / latentChannels;
    }

    private static AutoencoderConfig toConfig(int channels, Periodicity periodic, List<Integer> widths, int blocks,
                                              int latent, double dropout, boolean softClip) {
        return AutoencoderConfig.builder().inputChannels(channels).widths(widths).blocksPerLevel(blocks)
                .latentChannels(latent).periodic(periodic).dropout(dropout).softClip(softClip).build();
    }
}
