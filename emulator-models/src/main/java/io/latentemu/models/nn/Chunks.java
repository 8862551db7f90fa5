package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Cuts a tensor into equal chunks along one axis with one single-output slice per chunk. SameDiff M2.1's
 * multi-output {@code split}/{@code unstack} lose their gradient when their outputs are consumed at different
 * depths of a graph ("no gradient for required variable ... was calculated"); slices do not.
 */
public final class Chunks {

    private Chunks() {
    }

    /**
     * Chunk {@code index} of {@code count} along {@code axis} of a tensor of the given rank, where the axis has
     * known size {@code size}; the rank is kept.
     */
    public static SDVariable chunk(GraphContext ctx, SDVariable x, int rank, int axis, long size, int count, int index) {
        if (size % count != 0) {
            throw new IllegalArgumentException("size " + size + " does not divide into " + count + " chunks");
        }
        long width = size / count;
        long[] begin = new long[rank];
        long[] end = new long[rank];
        long[] strides = new long[rank];
        java.util.Arrays.fill(strides, 1);
        begin[axis] = index * width;
        end[axis] = (index + 1) * width;
        int others = ((1 << rank) - 1) & ~(1 << axis);
        return ctx.sd().stridedSlice(x, begin, end, strides, others, others, 0, 0, 0);
    }

    /** All {@code count} chunks along {@code axis}. */
    public static SDVariable[] all(GraphContext ctx, SDVariable x, int rank, int axis, long size, int count) {
        SDVariable[] out = new SDVariable[count];
        for (int i = 0; i < count; i++) {
            out[i] = chunk(ctx, x, rank, axis, size, count, i);
        }
        return out;
    }
}
