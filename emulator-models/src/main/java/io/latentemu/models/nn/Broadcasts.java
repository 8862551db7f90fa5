package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Broadcasting written for speed. libnd4j's broadcasting element-wise ops are fast forward but their gradients
 * (a reduction over the broadcast axes) are slow on the transformer's {@code [B*T, D]} token matrices and the
 * autoencoder's pixel rows. Row means and repeated rows are products with a constant column or row of ones (one
 * BLAS call, and its gradient too); a column combined with every row ({@link #subtractColumn},
 * {@link #multiplyColumn}) is libnd4j's broadcasting op with a gradient of its own ({@link ColumnBroadcast}).
 * Used by the token and channel norms, the linear layers' biases, the adaLN modulation, the rotary code and the
 * denoiser's scalings when {@link GraphOptions#matmulBroadcasts()} is on (measured in docs/performance.md). Each
 * helper computes exactly what the broadcasting op would.
 */
public final class Broadcasts {

    private Broadcasts() {
    }

    /** Row means of {@code x [N, d]} as {@code [N, 1]}: {@code x (1/d) 1_d}. */
    public static SDVariable rowMean(GraphContext ctx, SDVariable x, long d) {
        return x.mmul(ctx.constant(Nd4j.valueArrayOf(new long[]{d, 1}, 1.0 / d, DataType.DOUBLE)));
    }

    /** {@code x [N, d] - v [N, 1]}: each row minus its own value, with a gradient of one row sum ({@link ColumnBroadcast}). */
    public static SDVariable subtractColumn(GraphContext ctx, SDVariable x, SDVariable v) {
        return ColumnBroadcast.Subtract.apply(ctx.sd(), x, v);
    }

    /** {@code x [N, d] * v [N, 1]}: each row times its own value, with a gradient of one product and one row sum
     * ({@link ColumnBroadcast}). */
    public static SDVariable multiplyColumn(GraphContext ctx, SDVariable x, SDVariable v) {
        return ColumnBroadcast.Multiply.apply(ctx.sd(), x, v);
    }

    /** {@code x [N, d] + b [d]} (row vector added to every row). */
    public static SDVariable addRow(GraphContext ctx, SDVariable x, SDVariable b, long d) {
        return x.add(onesColumn(ctx, x, 2).mmul(b.reshape(1, d)));
    }

    /** {@code x [B, T, D] * s [B, 1, D]} (the same row of s for all T rows of each sample). */
    public static SDVariable scaleRows(GraphContext ctx, SDVariable x, SDVariable s) {
        return x.mul(ctx.sd().mmul(onesColumn(ctx, x, 3), s));
    }

    /** {@code x [B, T, D] + s [B, 1, D]}. */
    public static SDVariable shiftRows(GraphContext ctx, SDVariable x, SDVariable s) {
        return x.add(ctx.sd().mmul(onesColumn(ctx, x, 3), s));
    }

    /**
     * A constant {@code table} whose first {@code leading} axes have size 1, repeated to the shape of {@code x}:
     * a column of ones {@code [prod(leading axes of x), 1]} times the table as one row, reshaped like x.
     */
    public static SDVariable repeatOverLeadingAxes(GraphContext ctx, SDVariable table, SDVariable x, int leading) {
        SDVariable ones = filled(ctx, x, leading, new long[]{1}, 1.0).reshape(-1, 1);
        return ones.mmul(table.reshape(1, -1)).reshape(ctx.sd().shape(x));
    }

    /**
     * Ones shaped like {@code x} without its last axis, plus a last axis of size 1 ({@code [..., 1]}). Filled from
     * x's shape, an integer path that carries no gradient (ones-like of a slice of x would make the backward pass
     * build a zero gradient of x's size for every use).
     */
    private static SDVariable onesColumn(GraphContext ctx, SDVariable x, int rank) {
        return filled(ctx, x, rank - 1, new long[]{1}, 1.0);
    }

    /** An array of {@code value}s shaped as the first {@code leading} axes of {@code x}, then {@code tail}. */
    private static SDVariable filled(GraphContext ctx, SDVariable x, int leading, long[] tail, double value) {
        SameDiff sd = ctx.sd();
        SDVariable head = sd.stridedSlice(sd.shape(x), new long[]{0}, new long[]{leading}, new long[]{1});
        SDVariable shape = sd.concat(0, head, sd.constant(Nd4j.createFromArray(tail)));
        return sd.fill(shape, ctx.dataType(), value);
    }
}
