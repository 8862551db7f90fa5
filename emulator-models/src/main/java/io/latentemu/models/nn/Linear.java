package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A dense layer {@code x W + b} on rows {@code [N, in] -> [N, out]}: weight {@code W [in, out]} (weight decay),
 * bias {@code b [out]} (zeros, no decay). Tokens of shape {@code [B, T, D]} go through it as {@code [B*T, D]},
 * since SameDiff's matrix product does not broadcast a rank-3 by a rank-2 operand.
 */
public final class Linear {

    private Linear() {
    }

    /** A layer with PyTorch's default weight initialisation. */
    public static SDVariable apply(GraphContext ctx, SDVariable x, long in, long out) {
        return apply(ctx, x, in, out, Init.fanInUniform());
    }

    /** A layer whose weight starts from {@code weightInit}; {@code ctx} is the layer's own scope. */
    public static SDVariable apply(GraphContext ctx, SDVariable x, long in, long out, Init weightInit) {
        SDVariable w = ctx.param("W", weightInit, true, in, out);
        SDVariable b = ctx.param("b", Init.zeros(), false, out);
        SDVariable y = x.mmul(w);
        return ctx.options().matmulBroadcasts() ? Broadcasts.addRow(ctx, y, b, out) : y.add(b);
    }
}
