package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The convolutional residual block {@code x + conv3x3(silu(conv3x3(LN_c(x))))} of the autoencoder and the U-Net.
 * {@code LN_c} standardises over channels only; the last convolution starts at {@value #LAST_CONV_SCALE} times
 * the default initialisation so that a fresh block is close to the identity. Dropout (training only) sits
 * between the two convolutions.
 *
 * <p>Given a modulation {@code [B, 2C]} (from a conditioning embedding), the normalised input is scaled and
 * shifted per channel first, {@code LN_c(x) * (1 + scale) + shift}, as the U-Net denoiser does.
 *
 * @param channels width C (input and output)
 * @param periodic which spatial axes wrap around
 * @param dropout  dropout rate in [0, 1)
 */
public record ResidualBlock(long channels, Periodicity periodic, double dropout) {

    /** Scale of the initialisation of the block's last convolution. */
    public static final double LAST_CONV_SCALE = 1e-2;

    /** Validates the arguments. */
    public ResidualBlock {
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be positive: " + channels);
        }
        java.util.Objects.requireNonNull(periodic, "periodic");
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
        }
    }

    /** Adds the block to {@code x [B, C, H, W]} (or channels last, as ctx's {@link Layout} says); {@code ctx} is the block's scope. */
    public SDVariable apply(GraphContext ctx, SDVariable x) {
        return apply(ctx, x, null);
    }

    /**
     * Adds the block with an optional modulation.
     *
     * @param modulation {@code [B, 2C]} (scale then shift), or null
     */
    public SDVariable apply(GraphContext ctx, SDVariable x, SDVariable modulation) {
        SDVariable y = LayerNorm.channels(ctx, x, channels);
        if (modulation != null) {
            Layout layout = ctx.layout();
            SDVariable[] parts = Chunks.all(ctx, layout.perChannel(modulation, 2 * channels), 4, layout.channelAxis(),
                    2 * channels, 2);
            y = y.mul(parts[0].add(1.0)).add(parts[1]);
        }
        y = Conv2d.of3x3(channels, channels, periodic).apply(ctx.scope("conv1"), y);
        y = Silu.apply(ctx, y);
        y = Dropout.apply(ctx, y, dropout);
        y = Conv2d.of3x3(channels, channels, periodic)
                .apply(ctx.scope("conv2"), y, Init.fanInUniform().scaled(LAST_CONV_SCALE));
        return x.add(y);
    }
}
