package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a transformer learns where each token sits on its (t, y, x) grid.
 *
 * <ul>
 *   <li>{@link #ROTARY}: queries and keys are rotated by angles proportional to the coordinates (axial RoPE):
 *   the frequency slots {@code j < dh/2} of a head are dealt round-robin to the axes t, y, x; slot j of axis a
 *   turns by {@code coordinate_a * 100^(-k/m_a)} where k is its rank among the axis's m_a slots. Relative
 *   offsets then enter the attention scores directly; no parameters.</li>
 *   <li>{@link #SINUSOIDAL_LINEAR}: fixed sinusoids of each coordinate ({@value #SINUSOIDS_PER_AXIS}
 *   frequencies per axis, sine and cosine) mapped by a learned linear layer and added to the tokens.</li>
 *   <li>{@link #LEARNED}: a free parameter per token, added (ties the network to one grid).</li>
 * </ul>
 */
public enum PositionCode {
    ROTARY,
    SINUSOIDAL_LINEAR,
    LEARNED;

    /** Frequencies per axis of the sinusoidal code. */
    public static final int SINUSOIDS_PER_AXIS = 8;
    /** Base of the frequency ladders: periods from 2 pi to 2 pi * base grid steps. */
    public static final double BASE = 100.0;

    /**
     * Adds the absolute part of the code to tokens {@code [B*T, D]} (nothing for {@link #ROTARY});
     * {@code ctx} is the code's scope.
     */
    public SDVariable addTo(GraphContext ctx, SDVariable tokens, TokenGrid grid, long width) {
        int t = grid.count();
        SDVariable code;
        switch (this) {
            case ROTARY:
                return tokens;
            case LEARNED:
                code = ctx.param("table", Init.normal(0.02), false, t, width);
                break;
            case SINUSOIDAL_LINEAR:
                code = Linear.apply(ctx, ctx.constant(sinusoids(grid)), 3L * 2 * SINUSOIDS_PER_AXIS, width);
                break;
            default:
                throw new IllegalStateException(name());
        }
        return tokens.reshape(-1, t, width).add(code).reshape(-1, width);
    }

    /** The fixed features {@code [T, 6 * SINUSOIDS_PER_AXIS]} of the sinusoidal code. */
    static INDArray sinusoids(TokenGrid grid) {
        int t = grid.count();
        int f = SINUSOIDS_PER_AXIS;
        double[] v = new double[t * 6 * f];
        for (int i = 0; i < t; i++) {
            int[] c = grid.coordinates(i);
            for (int a = 0; a < 3; a++) {
                for (int k = 0; k < f; k++) {
                    double angle = c[a] * Math.pow(BASE, -(double) k / f);
                    v[i * 6 * f + a * 2 * f + k] = Math.sin(angle);
                    v[i * 6 * f + a * 2 * f + f + k] = Math.cos(angle);
                }
            }
        }
        return Nd4j.create(v, new long[]{t, 6L * f}, DataType.DOUBLE);
    }

    /**
     * The rotation angles {@code [T, dh/2]} of {@link #ROTARY} for heads of size {@code headDim}.
     */
    static double[][] rotaryAngles(TokenGrid grid, int headDim) {
        if (headDim % 2 != 0 || headDim < 6) {
            throw new IllegalArgumentException("rotary codes need an even head size of at least 6, got " + headDim);
        }
        int half = headDim / 2;
        int[] slotsPerAxis = new int[3];
        for (int j = 0; j < half; j++) {
            slotsPerAxis[j % 3]++;
        }
        double[][] angles = new double[grid.count()][half];
        for (int i = 0; i < grid.count(); i++) {
            int[] c = grid.coordinates(i);
            for (int j = 0; j < half; j++) {
                int axis = j % 3;
                int rank = j / 3;
                angles[i][j] = c[axis] * Math.pow(BASE, -(double) rank / slotsPerAxis[axis]);
            }
        }
        return angles;
    }

    /**
     * The constants of a rotary code: cos and sin tables {@code [1, 1, T, dh]} (each angle twice, halves layout)
     * and the matrix {@code [dh, dh]} of {@code rotateHalf}.
     */
    public record Rotary(SDVariable cos, SDVariable sin, SDVariable halfTurn, int headDim) {

        /** Builds the tables for a grid and head size. */
        public static Rotary of(GraphContext ctx, TokenGrid grid, int headDim) {
            double[][] angles = rotaryAngles(grid, headDim);
            int t = grid.count();
            int half = headDim / 2;
            double[] cos = new double[t * headDim];
            double[] sin = new double[t * headDim];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < half; j++) {
                    double c = Math.cos(angles[i][j]);
                    double s = Math.sin(angles[i][j]);
                    cos[i * headDim + j] = c;
                    cos[i * headDim + half + j] = c;
                    sin[i * headDim + j] = s;
                    sin[i * headDim + half + j] = s;
                }
            }
            // rotateHalf(x) = x R: column j < half takes -x_{j+half}, column j >= half takes x_{j-half}
            double[] turn = new double[headDim * headDim];
            for (int j = 0; j < half; j++) {
                turn[(j + half) * headDim + j] = -1;
                turn[j * headDim + j + half] = 1;
            }
            long[] shape = {1, 1, t, headDim};
            return new Rotary(ctx.constant(Nd4j.create(cos, shape, DataType.DOUBLE)),
                    ctx.constant(Nd4j.create(sin, shape, DataType.DOUBLE)),
                    ctx.constant(Nd4j.create(turn, new long[]{headDim, headDim}, DataType.DOUBLE)), headDim);
        }

        /**
         * Rotates {@code x [B, H, T, dh]}: pairs {@code (x_j, x_{j+dh/2})} turn by angle j,
         * {@code x cos + rotateHalf(x) sin} with {@code rotateHalf(x) = [-x_second, x_first]}.
         *
         * <p>With {@link GraphOptions#matmulBroadcasts()} rotateHalf is a product with a constant {@code [dh, dh]}
         * matrix and the tables are repeated over B and H by products with a column of ones, so that the
         * multiplications are between arrays of one shape (a broadcasting multiply's backward pass reduces over
         * the repeated axes, which is slow in libnd4j: docs/performance.md). Otherwise slices, a concatenation
         * and broadcasting multiplies.
         */
        public SDVariable rotate(GraphContext ctx, SDVariable x) {
            if (ctx.options().matmulBroadcasts()) {
                SDVariable shape = ctx.sd().shape(x);
                SDVariable turned = x.reshape(-1, headDim).mmul(halfTurn).reshape(shape);
                return x.mul(Broadcasts.repeatOverLeadingAxes(ctx, cos, x, 2))
                        .add(turned.mul(Broadcasts.repeatOverLeadingAxes(ctx, sin, x, 2)));
            }
            int half = headDim / 2;
            long[] strides = {1, 1, 1, 1};
            SDVariable first = ctx.sd().stridedSlice(x, new long[]{0, 0, 0, 0}, new long[]{0, 0, 0, half},
                    strides, 0b0111, 0b0111, 0, 0, 0);
            SDVariable second = ctx.sd().stridedSlice(x, new long[]{0, 0, 0, half}, new long[]{0, 0, 0, 0},
                    strides, 0b0111, 0b1111, 0, 0, 0);
            SDVariable rotated = ctx.sd().concat(3, second.neg(), first);
            return x.mul(cos).add(rotated.mul(sin));
        }
    }
}
