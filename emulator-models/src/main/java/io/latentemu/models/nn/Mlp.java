package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The transformer's feed-forward layer on rows {@code [N, D]}: {@code Linear(D, rD) -> SiLU -> dropout ->
 * Linear(rD, D)} with expansion ratio r (4 in the study).
 *
 * @param width     D
 * @param expansion r
 * @param dropout   dropout rate in [0, 1), active in training only
 */
public record Mlp(long width, int expansion, double dropout) {

    /** Validates the arguments. */
    public Mlp {
        if (width <= 0 || expansion <= 0) {
            throw new IllegalArgumentException("width and expansion must be positive: " + width + ", " + expansion);
        }
    }

    /** Adds the layer; {@code ctx} is its scope. */
    public SDVariable apply(GraphContext ctx, SDVariable x) {
        long hidden = width * expansion;
        SDVariable h = Linear.apply(ctx.scope("fc1"), x, width, hidden);
        h = Silu.apply(ctx, h);
        h = Dropout.apply(ctx, h, dropout);
        return Linear.apply(ctx.scope("fc2"), h, hidden, width);
    }
}
