package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/** Root-mean-square normalisation without gain, {@code x / sqrt(mean(x^2) + eps)} over the last dimension. */
public final class RmsNorm {

    /** The stabilising term added to the mean square. */
    public static final double EPS = 1e-6;

    private RmsNorm() {
    }

    /** Normalises over the last dimension, of size {@code d}, of a tensor of the given rank. */
    public static SDVariable lastAxis(GraphContext ctx, SDVariable x, int rank, long d) {
        if (ctx.options().matmulBroadcasts()) {
            SDVariable rows = x.reshape(-1, d);
            SDVariable scale = ctx.sd().math.rsqrt(Broadcasts.rowMean(ctx, rows.mul(rows), d).add(EPS));
            return Broadcasts.multiplyColumn(ctx, rows, scale).reshape(ctx.sd().shape(x));
        }
        SDVariable meanSquare = x.mul(x).mean(true, rank - 1);
        return x.mul(ctx.sd().math.rsqrt(meanSquare.add(EPS)));
    }
}
