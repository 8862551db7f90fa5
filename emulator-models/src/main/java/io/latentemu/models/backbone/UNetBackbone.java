package io.latentemu.models.backbone;

import io.latentemu.models.nn.ConditioningEmbedding;
import io.latentemu.models.nn.Conv2d;
import io.latentemu.models.nn.GraphContext;
import io.latentemu.models.nn.Init;
import io.latentemu.models.nn.Linear;
import io.latentemu.models.nn.PixelShuffle;
import io.latentemu.models.nn.ResidualBlock;
import io.latentemu.models.nn.Silu;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The U-Net of {@link UNetConfig}. The window {@code [B, L, C, H, W]} and its mask channel are stacked into
 * {@code L (C+1)} input channels; the output convolution gives {@code L C} channels, reshaped back to a window.
 * Each residual block takes a per-channel scale and shift from {@code Linear(SiLU(c))} of the conditioning
 * vector c (initialised near zero); without conditioning the blocks are plain.
 */
public final class UNetBackbone implements Backbone {

    /** Scale of the initialisation of the modulation layers and of the output convolution. */
    public static final double SMALL_INIT_SCALE = 1e-2;

    private final UNetConfig config;

    public UNetBackbone(UNetConfig config) {
        this.config = config;
    }

    @Override
    public SDVariable apply(GraphContext ctx, BackboneInput input) {
        WindowShape s = input.shape();
        List<Integer> w = config.widths();
        int levels = w.size();
        int factor = 1 << (levels - 1);
        if (s.height() % factor != 0 || s.width() % factor != 0) {
            throw new IllegalArgumentException("a U-Net of " + levels + " levels needs H and W divisible by " + factor
                    + ", got " + s.height() + "x" + s.width());
        }
        var periodic = config.periodic();
        long inChannels = (long) s.frames() * (s.channels() + 1);
        long outChannels = (long) s.frames() * s.channels();
        SDVariable frames = ctx.sd().concat(2, input.window(), input.mask()).reshape(-1, inChannels, s.height(), s.width());
        SDVariable c = new ConditioningEmbedding(config.embedding(), config.noiseFeatures())
                .apply(ctx.scope("conditioning"), input.noiseLevel(), input.parameters(), input.parameterCount());
        SDVariable cAct = c == null ? null : Silu.apply(ctx, c);

        SDVariable x = Conv2d.of3x3(inChannels, w.get(0), periodic).apply(ctx.scope("stem"), frames);
        List<SDVariable> skips = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            GraphContext lc = ctx.scope("down" + level);
            x = blocks(lc, x, w.get(level), cAct);
            skips.add(x);
            if (level + 1 < levels) {
                x = PixelShuffle.down(lc.scope("resample"), x, w.get(level), w.get(level + 1), 2, periodic);
            }
        }
        for (int level = levels - 2; level >= 0; level--) {
            GraphContext lc = ctx.scope("up" + level);
            x = PixelShuffle.up(lc.scope("resample"), x, w.get(level + 1), w.get(level), 2, periodic);
            x = blocks(lc, x.add(skips.get(level)), w.get(level), cAct);
        }
        SDVariable y = Conv2d.of3x3(w.get(0), outChannels, periodic)
                .apply(ctx.scope("output"), x, Init.fanInUniform().scaled(SMALL_INIT_SCALE));
        return y.reshape(-1, s.frames(), s.channels(), s.height(), s.width());
    }

    private SDVariable blocks(GraphContext ctx, SDVariable x, long width, SDVariable conditioning) {
        ResidualBlock block = new ResidualBlock(width, config.periodic(), config.dropout());
        for (int b = 0; b < config.blocksPerLevel(); b++) {
            GraphContext bc = ctx.scope("block" + b);
            SDVariable modulation = conditioning == null ? null
                    : Linear.apply(bc.scope("modulation"), conditioning, config.embedding(), 2 * width,
                    Init.fanInUniform().scaled(SMALL_INIT_SCALE));
            x = block.apply(bc, x, modulation);
        }
        return x;
    }
}
