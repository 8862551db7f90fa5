package io.latentemu.models.backbone;

import io.latentemu.models.nn.AdaLnBlock;
import io.latentemu.models.nn.ConditioningEmbedding;
import io.latentemu.models.nn.GraphContext;
import io.latentemu.models.nn.Init;
import io.latentemu.models.nn.LayerNorm;
import io.latentemu.models.nn.Linear;
import io.latentemu.models.nn.PixelShuffle;
import io.latentemu.models.nn.PositionCode;
import io.latentemu.models.nn.TokenGrid;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The ViT over a window: time is one more token axis. With patch size p a window {@code [B, L, C, H, W]} plus
 * its mask channel becomes {@code L * (H/p) * (W/p)} tokens of {@code (C+1) p^2} values (space-to-depth per
 * frame), embedded to width D; the blocks see all tokens of all frames at once; the output projection and
 * depth-to-space give back {@code [B, L, C, H, W]}. The output projection starts small (1e-2 of the default
 * initialisation), so a fresh denoiser is close to its skip connection.
 */
public final class VitBackbone implements Backbone {

    /** Scale of the output projection's initialisation. */
    public static final double OUTPUT_INIT_SCALE = 1e-2;

    private final VitConfig config;

    public VitBackbone(VitConfig config) {
        this.config = config;
    }

    @Override
    public SDVariable apply(GraphContext ctx, BackboneInput input) {
        WindowShape s = input.shape();
        int p = config.patchSize();
        if (s.height() % p != 0 || s.width() % p != 0) {
            throw new IllegalArgumentException("patch size " + p + " does not divide the window's " + s.height() + "x" + s.width());
        }
        int l = s.frames();
        int hp = s.height() / p;
        int wp = s.width() / p;
        long d = config.width();
        long inChannels = (long) (s.channels() + 1) * p * p;
        long outChannels = (long) s.channels() * p * p;
        TokenGrid grid = new TokenGrid(l, hp, wp);
        int tokens = grid.count();

        SDVariable frames = ctx.sd().concat(2, input.window(), input.mask());
        if (p > 1) {
            frames = PixelShuffle.unshuffle(ctx, frames.reshape(-1, s.channels() + 1, s.height(), s.width()), p)
                    .reshape(-1, l, inChannels, hp, wp);
        }
        SDVariable x = frames.permute(0, 1, 3, 4, 2).reshape(-1, inChannels);
        x = Linear.apply(ctx.scope("embed"), x, inChannels, d);
        x = config.positionCode().addTo(ctx.scope("position"), x, grid, d);

        SDVariable conditioning = new ConditioningEmbedding(d, config.noiseFeatures())
                .apply(ctx.scope("conditioning"), input.noiseLevel(), input.parameters(), input.parameterCount());
        PositionCode.Rotary rotary = config.positionCode() == PositionCode.ROTARY
                ? PositionCode.Rotary.of(ctx, grid, (int) (d / config.heads())) : null;
        AdaLnBlock block = new AdaLnBlock(d, config.heads(), tokens, config.mlpExpansion(), config.dropout(),
                config.modulateMlp());
        for (int i = 0; i < config.depth(); i++) {
            x = block.apply(ctx.scope("block" + i), x, conditioning, rotary);
        }
        if (config.outputNorm()) {
            x = LayerNorm.lastAxis(ctx, x, 2, d);
        }
        SDVariable y = Linear.apply(ctx.scope("output"), x, d, outChannels, Init.fanInUniform().scaled(OUTPUT_INIT_SCALE));
        y = y.reshape(-1, l, hp, wp, outChannels).permute(0, 1, 4, 2, 3);
        if (p > 1) {
            y = PixelShuffle.shuffle(ctx, y.reshape(-1, outChannels, hp, wp), p);
        }
        return y.reshape(-1, l, s.channels(), s.height(), s.width());
    }
}
