package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Periodic ("circular", wrap-around) padding of the spatial axes of an image tensor (in the context's
 * {@link Layout}): the last {@code p}
 * rows are copied before the first and the first {@code p} after the last, so a convolution sees a field on a
 * torus. Works for any batch size and resolution (negative slice starts, no baked sizes).
 */
public final class CircularPad {

    private CircularPad() {
    }

    /** Pads the axes marked periodic by {@code p} on each side; other axes are left alone. */
    public static SDVariable apply(GraphContext ctx, SDVariable x, int p, boolean periodicH, boolean periodicW) {
        SDVariable y = x;
        if (p > 0 && periodicH) {
            y = wrap(ctx.sd(), y, ctx.layout().heightAxis(), p);
        }
        if (p > 0 && periodicW) {
            y = wrap(ctx.sd(), y, ctx.layout().widthAxis(), p);
        }
        return y;
    }

    /** {@code concat(x[.., -p:, ..], x, x[.., :p, ..])} along {@code axis} of a rank-4 tensor. */
    static SDVariable wrap(SameDiff sd, SDVariable x, int axis, int p) {
        long[] begin = new long[4];
        long[] end = new long[4];
        long[] strides = {1, 1, 1, 1};
        int otherAxes = 0b1111 & ~(1 << axis);
        begin[axis] = -p;
        SDVariable tail = sd.stridedSlice(x, begin, end, strides, otherAxes, 0b1111, 0, 0, 0);
        long[] begin2 = new long[4];
        long[] end2 = new long[4];
        end2[axis] = p;
        SDVariable head = sd.stridedSlice(x, begin2, end2, strides, 0b1111, otherAxes, 0, 0, 0);
        return sd.concat(axis, tail, x, head);
    }
}
