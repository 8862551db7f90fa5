package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * Multi-head self-attention over tokens {@code [B*T, D]} with RMS-normalised queries and keys.
 *
 * <p>Three linear layers give queries, keys and values (the same parameters as one layer to {@code 3D}; three
 * products avoid slicing its output, which cost as much as the products in SameDiff); per head (size {@code dh = D/H}) queries and keys are
 * RMS-normalised over dh (no gain), optionally rotated by a rotary position code, and the scores
 * {@code q k^T / sqrt(dh)} go through a softmax over keys; the heads' outputs are concatenated and projected.
 * Normalising q and k bounds the logits, which keeps training stable at large widths.
 *
 * @param width  D
 * @param heads  H (divides D)
 * @param tokens T, tokens per sample
 */
public record Attention(long width, int heads, int tokens) {

    /** Validates the arguments. */
    public Attention {
        if (width <= 0 || heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException("width " + width + " must be a positive multiple of heads " + heads);
        }
        if (tokens <= 0) {
            throw new IllegalArgumentException("tokens must be positive: " + tokens);
        }
    }

    /** Size of one head. */
    public int headDim() {
        return (int) (width / heads);
    }

    /**
     * Adds the layer; {@code ctx} is its scope.
     *
     * @param x      tokens {@code [B*T, D]}
     * @param rotary the rotary code, or null
     * @return tokens {@code [B*T, D]}
     */
    public SDVariable apply(GraphContext ctx, SDVariable x, PositionCode.Rotary rotary) {
        int dh = headDim();
        SDVariable q = RmsNorm.lastAxis(ctx, heads(ctx, "q", x), 4, dh).mul(1.0 / Math.sqrt(dh));
        SDVariable k = RmsNorm.lastAxis(ctx, heads(ctx, "k", x), 4, dh);
        SDVariable v = heads(ctx, "v", x);
        if (rotary != null) {
            q = rotary.rotate(ctx, q);
            k = rotary.rotate(ctx, k);
        }
        SDVariable scores = ctx.sd().mmul(q, k, false, true, false);
        SDVariable weights = ctx.sd().nn.softmax(scores, 3);
        SDVariable out = ctx.sd().mmul(weights, v)
                .permute(0, 2, 1, 3)
                .reshape(-1, width);
        return Linear.apply(ctx.scope("out"), out, width, width);
    }

    /** The projection {@code name} (q, k or v) of tokens {@code [B*T, D]}, as {@code [B, H, T, dh]}. */
    private SDVariable heads(GraphContext ctx, String name, SDVariable x) {
        return Linear.apply(ctx.scope(name), x, width, width)
                .reshape(-1, tokens, heads, headDim())
                .permute(0, 2, 1, 3);
    }
}
