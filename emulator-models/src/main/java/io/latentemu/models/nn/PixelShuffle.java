package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Resolution changes without strided or transposed convolutions: pixel-unshuffle (space-to-depth) followed by
 * a convolution to the next width, and a convolution followed by pixel-shuffle (depth-to-space).
 *
 * <p>Space-to-depth by a factor f maps {@code [B, C, H, W]} to {@code [B, f*f*C, H/f, W/f]}; output channel
 * {@code s*C + c} holds channel c at sub-pixel {@code s = dy*f + dx} (TensorFlow's order). Depth-to-space is its
 * exact inverse. The convolutions start near identity: the down convolution averages the f*f sub-pixels of
 * channel {@code o mod C} into output channel o (an average pooling), the up convolution copies channel
 * {@code c mod C} to every sub-pixel of output channel c (a nearest-neighbour upsampling); a small random part
 * ({@value #NOISE_SCALE} times the default initialisation) breaks the symmetry between copies.
 */
public final class PixelShuffle {

    /** Scale of the random part of the near-identity initialisations. */
    public static final double NOISE_SCALE = 0.1;

    private PixelShuffle() {
    }

    /** Space-to-depth by {@code factor} (in the context's {@link Layout}). */
    public static SDVariable unshuffle(GraphContext ctx, SDVariable x, int factor) {
        return ctx.sd().cnn.spaceToDepth(x, factor, ctx.layout().dataFormat());
    }

    /** Depth-to-space by {@code factor} (in the context's {@link Layout}). */
    public static SDVariable shuffle(GraphContext ctx, SDVariable x, int factor) {
        return ctx.sd().cnn.depthToSpace(x, factor, ctx.layout().dataFormat());
    }

    /**
     * Halves (for factor 2) the resolution: unshuffle, then a 3x3 convolution from {@code factor^2 * in} to
     * {@code out} channels initialised as an average pooling.
     */
    public static SDVariable down(GraphContext ctx, SDVariable x, long in, long out, int factor, Periodicity periodic) {
        SDVariable u = unshuffle(ctx, x, factor);
        long inner = factor * (long) factor * in;
        return Conv2d.of3x3(inner, out, periodic).apply(ctx, u, averagingInit(in, factor));
    }

    /**
     * Doubles (for factor 2) the resolution: a 3x3 convolution from {@code in} to {@code factor^2 * out}
     * channels initialised as a copy, then shuffle.
     */
    public static SDVariable up(GraphContext ctx, SDVariable x, long in, long out, int factor, Periodicity periodic) {
        long inner = factor * (long) factor * out;
        SDVariable y = Conv2d.of3x3(in, inner, periodic).apply(ctx, x, copyingInit(in, out, factor));
        return shuffle(ctx, y, factor);
    }

    /** Centre tap {@code 1/f^2} from input channel {@code s*C + (o mod C)} to output o, for every sub-pixel s. */
    static Init averagingInit(long channels, int factor) {
        Init identity = (shape, rng) -> {
            long k = shape[0];
            long in = shape[2];
            long out = shape[3];
            double[] v = new double[Init.size(shape)];
            long centre = k / 2;
            long subPixels = (long) factor * factor;
            for (long o = 0; o < out; o++) {
                long c = o % channels;
                for (long s = 0; s < subPixels; s++) {
                    long i = s * channels + c;
                    v[(int) (((centre * k + centre) * in + i) * out + o)] += 1.0 / subPixels;
                }
            }
            return v;
        };
        return identity.plus(Init.fanInUniform().scaled(NOISE_SCALE));
    }

    /** Centre tap 1 from input channel {@code c mod in} to conv output {@code s*out + c}, for every sub-pixel s. */
    static Init copyingInit(long in, long out, int factor) {
        Init identity = (shape, rng) -> {
            long k = shape[0];
            long inner = shape[3];
            double[] v = new double[Init.size(shape)];
            long centre = k / 2;
            long subPixels = (long) factor * factor;
            for (long s = 0; s < subPixels; s++) {
                for (long c = 0; c < out; c++) {
                    long o = s * out + c;
                    long i = c % in;
                    v[(int) (((centre * k + centre) * in + i) * inner + o)] += 1.0;
                }
            }
            return v;
        };
        return identity.plus(Init.fanInUniform().scaled(NOISE_SCALE));
    }
}
