package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layer normalisation without affine parameters: {@code (x - mean) / sqrt(var + eps)} over some dimensions,
 * the variance being the biased one (divided by N).
 *
 * <p>{@link #channels} standardises a {@code [B, C, H, W]} tensor over C only, at every pixel (the
 * autoencoder's norm); {@link #lastAxis} standardises tokens {@code [..., D]} over D (the transformer's norm).
 */
public final class LayerNorm {

    /** The stabilising term added to the variance. */
    public static final double EPS = 1e-5;

    private LayerNorm() {
    }

    /** Standardises {@code [B, C, H, W]} over the channel dimension. */
    public static SDVariable channels(GraphContext ctx, SDVariable x) {
        return standardize(ctx, x, x.getShape() == null ? 4 : x.getShape().length, 1);
    }

    /** Standardises over the last dimension of a tensor of the given rank. */
    public static SDVariable lastAxis(GraphContext ctx, SDVariable x, int rank) {
        return standardize(ctx, x, rank, rank - 1);
    }

    /**
     * Standardises over one dimension.
     *
     * @param rank rank of {@code x} (placeholders of unknown shape cannot tell)
     * @param dim  the dimension reduced over
     */
    public static SDVariable standardize(GraphContext ctx, SDVariable x, int rank, int dim) {
        if (ctx.options().fusedNorms() && (dim == 1 || dim == rank - 1)) {
            long size = x.getShape() == null ? -1 : x.getShape()[dim];
            if (size > 0) {
                SDVariable gain = ctx.constant(Nd4j.ones(ctx.dataType(), size));
                return ctx.sd().nn.layerNorm(x, gain, dim == 1 && rank > 2, dim);
            }
        }
        SDVariable mean = x.mean(true, dim);
        SDVariable centred = x.sub(mean);
        SDVariable variance = ctx.sd().math.square(centred).mean(true, dim);
        return centred.mul(ctx.sd().math.rsqrt(variance.add(EPS)));
    }
}
