package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The conditioning vector {@code c [B, D]} of a denoiser: the embedding of the noise level plus an embedding of
 * the simulation parameters. Noise: the {@link SinusoidalCode} of {@code c_noise = log sigma}
 * ({@code noiseFeatures} entries) then {@code Linear -> SiLU -> Linear}. Parameters {@code [B, P]}:
 * {@code Linear -> SiLU -> Linear}. Either part may be absent; with neither there is no conditioning.
 *
 * @param width         D
 * @param noiseFeatures size of the sinusoidal code (even)
 */
public record ConditioningEmbedding(long width, int noiseFeatures) {

    /** Validates the arguments. */
    public ConditioningEmbedding {
        if (width <= 0) {
            throw new IllegalArgumentException("width must be positive: " + width);
        }
        SinusoidalCode.frequencies(noiseFeatures);
    }

    /**
     * Adds the embedding; {@code ctx} is its scope.
     *
     * @param noiseLevel     {@code c_noise [B]}, or null
     * @param parameters     {@code [B, P]}, or null
     * @param parameterCount P
     * @return {@code [B, D]}, or null when both inputs are null
     */
    public SDVariable apply(GraphContext ctx, SDVariable noiseLevel, SDVariable parameters, int parameterCount) {
        SDVariable c = null;
        if (noiseLevel != null) {
            SDVariable code = SinusoidalCode.apply(ctx, noiseLevel, noiseFeatures);
            c = twoLayer(ctx.scope("noise"), code, noiseFeatures);
        }
        if (parameters != null && parameterCount > 0) {
            SDVariable p = twoLayer(ctx.scope("parameters"), parameters, parameterCount);
            c = c == null ? p : c.add(p);
        }
        return c;
    }

    private SDVariable twoLayer(GraphContext ctx, SDVariable x, long in) {
        SDVariable h = Linear.apply(ctx.scope("fc1"), x, in, width);
        return Linear.apply(ctx.scope("fc2"), Silu.apply(ctx, h), width, width);
    }
}
