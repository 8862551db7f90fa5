package io.latentemu.models.nn;

import io.latentemu.models.onednn.Swish;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The SiLU (swish) activation {@code x * sigmoid(x)}, the study's non-linearity in convolutional blocks, MLPs and
 * conditioning embeddings.
 *
 * <p>Where {@link GraphContext#oneDnnKernels()} it is oneDNN's swish kernel ({@link Swish}), one pass. Otherwise
 * (double precision, no oneDNN, or {@link GraphOptions#oneDnnKernels()} off) it is computed as
 * {@code h * (1 + tanh(h))} with {@code h = x / 2} (the same function, since
 * {@code sigmoid(x) = (1 + tanh(x / 2)) / 2}) on {@link VectorTanh}, because libnd4j's {@code swish} and its
 * derivative are scalar loops: on 2M floats (AVX-512, 2 threads) {@code swish} takes 2.9 ms and its derivative
 * 5.7 ms, the four vectorised passes of the forward 1.3 ms. The two agree to float rounding except far in the
 * negative tail, where {@code 1 + tanh(h)} cancels: for {@code x < -10} the absolute error stays below
 * {@code 1e-6} while the value itself is below {@code 5e-4} in magnitude. {@link GraphOptions#tanhSilu()} off
 * selects libnd4j's {@code swish}, with or without oneDNN.
 */
public final class Silu {

    private Silu() {
    }

    /** Adds {@code silu(x)} to the context's graph. */
    public static SDVariable apply(GraphContext ctx, SDVariable x) {
        if (!ctx.options().tanhSilu()) {
            return ctx.sd().nn.swish(x);
        }
        if (ctx.oneDnnKernels()) {
            return Swish.apply(ctx.sd(), x);
        }
        SDVariable half = x.mul(0.5);
        return half.mul(VectorTanh.apply(ctx.sd(), half).add(1.0));
    }
}
