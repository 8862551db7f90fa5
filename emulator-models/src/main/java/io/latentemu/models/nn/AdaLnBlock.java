package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A transformer block with adaptive LayerNorm ("adaLN-zero") on tokens {@code [B*T, D]}:
 * <pre>
 *   (shift1, scale1, gate1, [shift2, scale2,] gate2) = Linear(SiLU(c))
 *   x = x + gate1 * Attention(LN(x) * (1 + scale1) + shift1)
 *   x = x + gate2 * Mlp(LN(x) [* (1 + scale2) + shift2])
 * </pre>
 * LN has no affine parameters. The modulation layer starts near zero ({@value #MODULATION_INIT_SCALE} times
 * the default initialisation, zero bias), so a fresh block is close to the identity and the conditioning
 * enters gradually. With {@code modulateMlp} false only the attention input is shifted and scaled (four
 * chunks instead of six), as in the benchmark network ({@code ./emulator bench models}).
 *
 * <p>Without a conditioning vector the modulation is a learned vector shared by all samples.
 *
 * @param width       D
 * @param heads       attention heads
 * @param tokens      tokens per sample T
 * @param expansion   MLP expansion ratio
 * @param dropout     dropout rate on the attention and MLP branches (training only)
 * @param modulateMlp whether the MLP input is shifted and scaled too
 */
public record AdaLnBlock(long width, int heads, int tokens, int expansion, double dropout, boolean modulateMlp) {

    /** Scale of the initialisation of the modulation layer. */
    public static final double MODULATION_INIT_SCALE = 1e-2;

    /** Validates the arguments through the sub-layers. */
    public AdaLnBlock {
        new Attention(width, heads, tokens);
        new Mlp(width, expansion, dropout);
    }

    /** Number of D-sized chunks of the modulation vector. */
    public int chunks() {
        return modulateMlp ? 6 : 4;
    }

    /**
     * Adds the block; {@code ctx} is its scope.
     *
     * @param x            tokens {@code [B*T, D]}
     * @param conditioning {@code [B, Dc]}, or null
     * @param rotary       rotary position code, or null
     */
    public SDVariable apply(GraphContext ctx, SDVariable x, SDVariable conditioning, PositionCode.Rotary rotary) {
        long d = width;
        int k = chunks();
        SDVariable modulation;
        if (conditioning != null) {
            long dc = conditioning.getShape() == null ? d : conditioning.getShape()[1];
            modulation = Linear.apply(ctx.scope("modulation"), Silu.apply(ctx, conditioning), dc, k * d,
                    Init.fanInUniform().scaled(MODULATION_INIT_SCALE));
        } else {
            modulation = ctx.param("modulation", Init.zeros(), false, 1, k * d);
        }
        SDVariable[] m = Chunks.all(ctx, modulation.reshape(-1, 1, k * d), 3, 2, k * d, k);
        SDVariable shift1 = m[0];
        SDVariable scale1 = m[1];
        SDVariable gate1 = m[2];
        SDVariable gate2 = modulateMlp ? m[5] : m[3];

        boolean perSample = conditioning != null;
        SDVariable x3 = x.reshape(-1, tokens, d);
        SDVariable h = modulate(ctx, LayerNorm.lastAxis(ctx, x3, 3, d), scale1.add(1.0), shift1, perSample);
        SDVariable a = new Attention(d, heads, tokens).apply(ctx.scope("attention"), h.reshape(-1, d), rotary);
        a = Dropout.apply(ctx, a, dropout);
        x3 = x3.add(modulate(ctx, a.reshape(-1, tokens, d), gate1, null, perSample));

        SDVariable h2 = LayerNorm.lastAxis(ctx, x3, 3, d);
        if (modulateMlp) {
            h2 = modulate(ctx, h2, m[4].add(1.0), m[3], perSample);
        }
        SDVariable f = new Mlp(d, expansion, dropout).apply(ctx.scope("mlp"), h2.reshape(-1, d));
        x3 = x3.add(modulate(ctx, f.reshape(-1, tokens, d), gate2, null, perSample));
        return x3.reshape(-1, d);
    }

    /**
     * {@code x [B, T, D] * scale [B, 1, D] (+ shift)}, or with {@code [1, 1, D]} operands shared by the whole
     * batch when {@code perSample} is false (no conditioning), which broadcast cheaply as they are.
     */
    private static SDVariable modulate(GraphContext ctx, SDVariable x, SDVariable scale, SDVariable shift,
                                       boolean perSample) {
        if (ctx.options().matmulBroadcasts() && perSample) {
            SDVariable y = Broadcasts.scaleRows(ctx, x, scale);
            return shift == null ? y : Broadcasts.shiftRows(ctx, y, shift);
        }
        SDVariable y = x.mul(scale);
        return shift == null ? y : y.add(shift);
    }
}
