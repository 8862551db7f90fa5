package io.latentemu.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Channels-last blocks against their channels-first versions (whose values {@link BlockValueTest} checks against
 * plain loops): same parameters (same seed and names), same input, outputs equal after moving the channels back.
 */
class LayoutTest {

    private static INDArray run(Layout layout, long[] shape, long seed, BiFunction<GraphContext, SDVariable, SDVariable> block) {
        GraphContext ctx = GraphContext.create(DataType.DOUBLE, 5, GraphOptions.defaults()).withLayout(layout);
        SDVariable x = ctx.sd().placeHolder("x", DataType.DOUBLE, shape);
        SDVariable y = layout.toChannelsFirst(block.apply(ctx, layout.fromChannelsFirst(x)));
        INDArray in = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.DOUBLE);
        return ctx.sd().output(Map.of("x", in), y.name()).get(y.name());
    }

    private static void assertSameInBothLayouts(long[] shape, BiFunction<GraphContext, SDVariable, SDVariable> block) {
        INDArray first = run(Layout.CHANNELS_FIRST, shape, 11, block);
        INDArray last = run(Layout.CHANNELS_LAST, shape, 11, block);
        assertArrayEquals(first.shape(), last.shape());
        assertTrue(first.equalsWithEps(last, 1e-10), () -> "channels first " + first + "\nchannels last " + last);
    }

    @Test
    void permutesRoundTrip() {
        INDArray x = Nd4j.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5).castTo(DataType.DOUBLE);
        GraphContext ctx = GraphContext.create(DataType.DOUBLE, 5, GraphOptions.defaults());
        SDVariable in = ctx.sd().constant(x);
        SDVariable last = Layout.CHANNELS_LAST.fromChannelsFirst(in);
        INDArray l = last.eval();
        assertArrayEquals(new long[]{2, 4, 5, 3}, l.shape());
        assertTrue(l.getDouble(1, 2, 3, 0) == x.getDouble(1, 0, 2, 3) && l.getDouble(0, 3, 1, 2) == x.getDouble(0, 2, 3, 1));
        assertTrue(Layout.CHANNELS_LAST.toChannelsFirst(last).eval().equals(x));
    }

    @Test
    void channelNormPaddingAndConvolution() {
        long[] shape = {2, 3, 6, 5};
        assertSameInBothLayouts(shape, (ctx, x) -> LayerNorm.channels(ctx, x, 3));
        assertSameInBothLayouts(shape, (ctx, x) -> CircularPad.apply(ctx, x, 2, true, true));
        assertSameInBothLayouts(shape, (ctx, x) -> CircularPad.apply(ctx, x, 1, false, true));
        assertSameInBothLayouts(shape, (ctx, x) -> Conv2d.of3x3(3, 4, new Periodicity(true, false)).apply(ctx.scope("c"), x));
        assertSameInBothLayouts(shape, (ctx, x) -> Conv2d.of3x3(3, 4, Periodicity.both()).apply(ctx.scope("c"), x));
    }

    @Test
    void residualBlocks() {
        long[] shape = {2, 3, 4, 4};
        assertSameInBothLayouts(shape, (ctx, x) -> new ResidualBlock(3, Periodicity.both(), 0).apply(ctx.scope("b"), x));
        assertSameInBothLayouts(shape, (ctx, x) -> {
            var mod = x.mean(ctx.layout().heightAxis(), ctx.layout().widthAxis()).reshape(-1, 3).mul(0.3);
            return new ResidualBlock(3, Periodicity.none(), 0).apply(ctx.scope("b"), x, ctx.sd().concat(1, mod, mod.mul(-0.5)));
        });
    }

    @Test
    void pixelShuffles() {
        // the sub-pixel order of the channels must be the same in both layouts: the near-identity initialisations
        // and the parameters of saved models depend on it
        assertSameInBothLayouts(new long[]{2, 3, 4, 6}, (ctx, x) -> PixelShuffle.unshuffle(ctx, x, 2));
        assertSameInBothLayouts(new long[]{2, 8, 2, 3}, (ctx, x) -> PixelShuffle.shuffle(ctx, x, 2));
        assertSameInBothLayouts(new long[]{1, 2, 6, 9}, (ctx, x) -> PixelShuffle.unshuffle(ctx, x, 3));
        assertSameInBothLayouts(new long[]{1, 18, 2, 3}, (ctx, x) -> PixelShuffle.shuffle(ctx, x, 3));
        assertSameInBothLayouts(new long[]{1, 2, 4, 4},
                (ctx, x) -> PixelShuffle.down(ctx.scope("down"), x, 2, 3, 2, Periodicity.both()));
        assertSameInBothLayouts(new long[]{1, 3, 2, 2},
                (ctx, x) -> PixelShuffle.up(ctx.scope("up"), x, 3, 2, 2, Periodicity.none()));
    }
}
