package io.latentemu.models.nn;

import io.latentemu.models.onednn.RowNorm;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layer normalisation without affine parameters: {@code (x - mean) / sqrt(var + eps)} over one dimension, the
 * variance being the biased one (divided by N).
 *
 * <p>{@link #channels} standardises a {@code [B, C, H, W]} tensor over C only, at every pixel (the
 * autoencoder's norm); {@link #lastAxis} standardises tokens {@code [..., D]} over D (the transformer's norm).
 * Where {@link GraphContext#oneDnnKernels()} both are oneDNN's layer norm ({@link RowNorm}; the channel norm when
 * channels are last), unless {@link GraphOptions#fusedNorms()} asks for libnd4j's op. Otherwise, with
 * {@link GraphOptions#matmulBroadcasts()}, the token norm's means are products by ones and its per-row values are
 * applied by column ops ({@link Broadcasts}), and so are the channel norm's when channels are last.
 */
public final class LayerNorm {

    /** The stabilising term added to the variance. */
    public static final double EPS = 1e-5;

    private LayerNorm() {
    }

    /**
     * Standardises an image tensor (in the context's {@link Layout}) over its {@code c} channels. Channels last it
     * is oneDNN's kernel ({@link RowNorm}) where {@link GraphContext#oneDnnKernels()}; otherwise, with
     * {@link GraphOptions#matmulBroadcasts()}, the pixels are the rows of a {@code [B*H*W, c]} matrix (a
     * view) standardised as {@link Broadcasts} says; channels first it uses broadcasting ops (per-sample products over
     * {@code [B, C, H*W]} made the forward pass slower, docs/performance.md).
     */
    public static SDVariable channels(GraphContext ctx, SDVariable x, long c) {
        if (ctx.layout() == Layout.CHANNELS_LAST && oneDnn(ctx)) {
            return RowNorm.apply(ctx.sd(), x, EPS);   // any rank: the rows are all axes but the last
        }
        if (ctx.layout() == Layout.CHANNELS_LAST && byRows(ctx)) {
            return rows(ctx, x.reshape(-1, c), c).reshape(ctx.sd().shape(x));
        }
        return standardize(ctx, x, 4, ctx.layout().channelAxis(), c);
    }

    /** Standardises over the last dimension, of size {@code d}, of a tensor of the given rank. */
    public static SDVariable lastAxis(GraphContext ctx, SDVariable x, int rank, long d) {
        if (oneDnn(ctx)) {
            return RowNorm.apply(ctx.sd(), x, EPS);
        }
        if (byRows(ctx)) {
            return rank == 2 ? rows(ctx, x, d) : rows(ctx, x.reshape(-1, d), d).reshape(ctx.sd().shape(x));
        }
        return standardize(ctx, x, rank, rank - 1, d);
    }

    /** Whether the composed norm works on a matrix of rows ({@link #rows}) with products and column ops. */
    private static boolean byRows(GraphContext ctx) {
        GraphOptions o = ctx.options();
        return o.matmulBroadcasts() && !o.fusedNorms();
    }

    /** Whether the norm is oneDNN's kernel: available for the graph, and libnd4j's fused op not asked for. */
    private static boolean oneDnn(GraphContext ctx) {
        return ctx.oneDnnKernels() && !ctx.options().fusedNorms();
    }

    /** Standardises the rows of {@code x [N, d]}: means by products with ones, per-row values applied by
     * {@link Broadcasts#subtractColumn} and {@link Broadcasts#multiplyColumn}. */
    static SDVariable rows(GraphContext ctx, SDVariable x, long d) {
        SDVariable centred = Broadcasts.subtractColumn(ctx, x, Broadcasts.rowMean(ctx, x, d));
        SDVariable variance = Broadcasts.rowMean(ctx, centred.mul(centred), d);
        SDVariable scale = ctx.sd().math.rsqrt(variance.add(EPS));
        return Broadcasts.multiplyColumn(ctx, centred, scale);
    }

    /**
     * Standardises over one dimension with broadcasting ops, or with libnd4j's {@code layer_norm} op when
     * {@link GraphOptions#fusedNorms()} is set.
     *
     * @param rank rank of {@code x} (placeholders of unknown shape cannot tell)
     * @param dim  the dimension reduced over
     * @param size its size
     */
    public static SDVariable standardize(GraphContext ctx, SDVariable x, int rank, int dim, long size) {
        if (ctx.options().fusedNorms() && (dim == 1 || dim == rank - 1)) {
            SDVariable gain = ctx.constant(Nd4j.ones(ctx.dataType(), size));
            return ctx.sd().nn.layerNorm(x, gain, dim == 1 && rank > 2, dim);
        }
        SDVariable mean = x.mean(true, dim);
        SDVariable centred = x.sub(mean);
        SDVariable variance = centred.mul(centred).mean(true, dim);
        return centred.mul(ctx.sd().math.rsqrt(variance.add(EPS)));
    }
}
