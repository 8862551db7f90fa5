package io.latentemu.models.autoencoder;

import io.latentemu.models.nn.Conv2d;
import io.latentemu.models.nn.GraphContext;
import io.latentemu.models.nn.Layout;
import io.latentemu.models.nn.PixelShuffle;
import io.latentemu.models.nn.ResidualBlock;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The decoder of {@link AutoencoderConfig}: the encoder mirrored, with pixel-shuffle between levels. Takes and returns
 * {@code [B, C, H, W]}, like the encoder.
 */
public final class DcaeDecoder implements Decoder {

    private final AutoencoderConfig config;

    public DcaeDecoder(AutoencoderConfig config) {
        this.config = config;
    }

    @Override
    public SDVariable decode(GraphContext graph, SDVariable latents) {
        List<Integer> w = config.widths();
        var periodic = config.periodic();
        int last = w.size() - 1;
        Layout layout = graph.options().convolutionLayout();
        GraphContext ctx = graph.withLayout(layout);
        SDVariable x = Conv2d.of3x3(config.latentChannels(), w.get(last), periodic)
                .apply(ctx.scope("stem"), layout.fromChannelsFirst(latents));
        for (int level = last; level >= 0; level--) {
            GraphContext lc = ctx.scope("level" + level);
            ResidualBlock block = new ResidualBlock(w.get(level), periodic, config.dropout());
            for (int b = 0; b < config.blocksPerLevel(); b++) {
                x = block.apply(lc.scope("block" + b), x);
            }
            if (level > 0) {
                x = PixelShuffle.up(lc.scope("up"), x, w.get(level), w.get(level - 1), 2, periodic);
            }
        }
        return layout.toChannelsFirst(Conv2d.of3x3(w.get(0), config.inputChannels(), periodic).apply(ctx.scope("head"), x));
    }
}
