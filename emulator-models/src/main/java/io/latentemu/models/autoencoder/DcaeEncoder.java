package io.latentemu.models.autoencoder;

import io.latentemu.models.nn.Conv2d;
import io.latentemu.models.nn.GraphContext;
import io.latentemu.models.nn.Layout;
import io.latentemu.models.nn.PixelShuffle;
import io.latentemu.models.nn.ResidualBlock;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The encoder of {@link AutoencoderConfig}: stem, residual levels with pixel-unshuffle between them, head, soft clip.
 * Takes and returns {@code [B, C, H, W]}; inside, activations are in the layout of
 * {@link io.latentemu.models.nn.GraphOptions#convolutionLayout()}.
 */
public final class DcaeEncoder implements Encoder {

    /** Bound of the soft clip {@code z / sqrt(1 + (z/b)^2)}. */
    public static final double SOFT_CLIP_BOUND = 5.0;

    private final AutoencoderConfig config;

    public DcaeEncoder(AutoencoderConfig config) {
        this.config = config;
    }

    @Override
    public SDVariable encode(GraphContext graph, SDVariable states) {
        List<Integer> w = config.widths();
        var periodic = config.periodic();
        Layout layout = graph.options().convolutionLayout();
        GraphContext ctx = graph.withLayout(layout);
        SDVariable x = Conv2d.of3x3(config.inputChannels(), w.get(0), periodic)
                .apply(ctx.scope("stem"), layout.fromChannelsFirst(states));
        for (int level = 0; level < w.size(); level++) {
            GraphContext lc = ctx.scope("level" + level);
            ResidualBlock block = new ResidualBlock(w.get(level), periodic, config.dropout());
            for (int b = 0; b < config.blocksPerLevel(); b++) {
                x = block.apply(lc.scope("block" + b), x);
            }
            if (level + 1 < w.size()) {
                x = PixelShuffle.down(lc.scope("down"), x, w.get(level), w.get(level + 1), 2, periodic);
            }
        }
        SDVariable z = layout.toChannelsFirst(
                Conv2d.of3x3(w.get(w.size() - 1), config.latentChannels(), periodic).apply(ctx.scope("head"), x));
        return config.softClip() ? softClip(ctx, z) : z;
    }

    /** {@code z / sqrt(1 + (z/5)^2)}. */
    static SDVariable softClip(GraphContext ctx, SDVariable z) {
        SDVariable scaled = z.div(SOFT_CLIP_BOUND);
        SDVariable r = scaled.mul(scaled).add(1.0);
        return z.mul(ctx.sd().math.rsqrt(r));
    }
}
