package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/** Root-mean-square normalisation without gain, {@code x / sqrt(mean(x^2) + eps)} over the last dimension. */
public final class RmsNorm {

    /** The stabilising term added to the mean square. */
    public static final double EPS = 1e-6;

    private RmsNorm() {
    }

    /** Normalises over the last dimension of a tensor of the given rank. */
    public static SDVariable lastAxis(GraphContext ctx, SDVariable x, int rank) {
        SDVariable meanSquare = ctx.sd().math.square(x).mean(true, rank - 1);
        return x.mul(ctx.sd().math.rsqrt(meanSquare.add(EPS)));
    }
}
