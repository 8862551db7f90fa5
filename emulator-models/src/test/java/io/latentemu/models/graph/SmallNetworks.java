package io.latentemu.models.graph;

import io.latentemu.models.autoencoder.Autoencoder;
import io.latentemu.models.autoencoder.AutoencoderConfig;
import io.latentemu.models.nn.Periodicity;

/** Small networks with every kind of op of the real ones, for the tests of graph execution. */
final class SmallNetworks {

    private SmallNetworks() {
    }

    /** A two-level autoencoder of 2-channel 8x8 states (periodic padding, soft clip, pixel shuffles, norms). */
    static Autoencoder autoencoder() {
        AutoencoderConfig config = AutoencoderConfig.builder().inputChannels(2).widths(4, 8).blocksPerLevel(1)
                .latentChannels(3).periodic(Periodicity.both()).softClip(true).build();
        return Autoencoder.build(config, BuildOptions.seed(3));
    }
}
