package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The sinusoidal code of a scalar per sample: {@code [B] -> [B, F]} with entries {@code sin(v * f_k)} then
 * {@code cos(v * f_k)}, frequencies {@code f_k = 10000^(-k / (F/2))} for {@code k < F/2}. It embeds the noise
 * level ({@code log sigma}) before the conditioning MLP.
 */
public final class SinusoidalCode {

    private SinusoidalCode() {
    }

    /** The frequencies {@code f_k}, k = 0 .. features/2 - 1. */
    public static double[] frequencies(int features) {
        if (features <= 0 || features % 2 != 0) {
            throw new IllegalArgumentException("a sinusoidal code needs an even positive size: " + features);
        }
        int half = features / 2;
        double[] f = new double[half];
        for (int k = 0; k < half; k++) {
            f[k] = Math.exp(-Math.log(1e4) * k / half);
        }
        return f;
    }

    /** Adds the code of {@code values [B]}. */
    public static SDVariable apply(GraphContext ctx, SDVariable values, int features) {
        INDArray freq = Nd4j.create(frequencies(features), new long[]{1, features / 2}, DataType.DOUBLE);
        SDVariable angles = values.reshape(-1, 1).mul(ctx.constant(freq));
        return ctx.sd().concat(1, ctx.sd().math.sin(angles), ctx.sd().math.cos(angles));
    }
}
