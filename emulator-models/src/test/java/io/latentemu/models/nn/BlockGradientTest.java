package io.latentemu.models.nn;

import static io.latentemu.models.nn.GradientChecks.assertGradients;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradient checks (double precision, central differences) of every building block on tiny instances; blocks
 * with two ways of broadcasting ({@link GraphOptions#matmulBroadcasts()}) are checked both ways.
 */
class BlockGradientTest {

    private static GraphOptions options(boolean matmul) {
        return GraphOptions.defaults().withMatmulBroadcasts(matmul);
    }

    @Test
    void channelLayerNorm() {
        assertGradients(1, new long[]{2, 3, 4, 5}, (ctx, x) -> LayerNorm.channels(ctx, x, 3));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tokenLayerNormAndRmsNorm(boolean matmul) {
        assertGradients(2, new long[]{2, 3, 6}, options(matmul), (ctx, x) -> LayerNorm.lastAxis(ctx, x, 3, 6));
        assertGradients(3, new long[]{2, 3, 6}, options(matmul), (ctx, x) -> RmsNorm.lastAxis(ctx, x, 3, 6));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void linearLayer(boolean matmul) {
        assertGradients(20, new long[]{5, 3}, options(matmul), (ctx, x) -> Linear.apply(ctx.scope("fc"), x, 3, 4));
    }

    @Test
    void circularPadding() {
        assertGradients(4, new long[]{2, 2, 4, 5}, (ctx, x) -> CircularPad.apply(ctx, x, 1, true, true));
        assertGradients(5, new long[]{1, 2, 4, 5},
                (ctx, x) -> Conv2d.of3x3(2, 3, new Periodicity(true, false)).apply(ctx.scope("conv"), x));
    }

    @Test
    void residualBlock() {
        assertGradients(6, new long[]{2, 3, 4, 4},
                (ctx, x) -> new ResidualBlock(3, Periodicity.both(), 0).apply(ctx.scope("block"), x));
    }

    @Test
    void modulatedResidualBlock() {
        assertGradients(7, new long[]{2, 3, 4, 4}, (ctx, x) -> {
            // the modulation comes from the input too, so its gradient is checked as well
            var mod = x.mean(2, 3).reshape(-1, 3).mul(0.3);
            var modulation = ctx.sd().concat(1, mod, mod.mul(-0.5));
            return new ResidualBlock(3, Periodicity.none(), 0).apply(ctx.scope("block"), x, modulation);
        });
    }

    @Test
    void pixelUnshuffleAndShuffle() {
        assertGradients(8, new long[]{2, 2, 4, 4}, (ctx, x) -> PixelShuffle.unshuffle(ctx, x, 2));
        assertGradients(9, new long[]{2, 8, 2, 2}, (ctx, x) -> PixelShuffle.shuffle(ctx, x, 2));
        assertGradients(10, new long[]{1, 2, 4, 4},
                (ctx, x) -> PixelShuffle.down(ctx.scope("down"), x, 2, 3, 2, Periodicity.both()));
        assertGradients(11, new long[]{1, 3, 2, 2},
                (ctx, x) -> PixelShuffle.up(ctx.scope("up"), x, 3, 2, 2, Periodicity.none()));
    }

    /** {@code block} in the channels-last layout, between permutes from and to channels first. */
    private static java.util.function.BiFunction<GraphContext, org.nd4j.autodiff.samediff.SDVariable,
            org.nd4j.autodiff.samediff.SDVariable> channelsLast(java.util.function.BiFunction<GraphContext,
            org.nd4j.autodiff.samediff.SDVariable, org.nd4j.autodiff.samediff.SDVariable> block) {
        Layout l = Layout.CHANNELS_LAST;
        return (ctx, x) -> l.toChannelsFirst(block.apply(ctx.withLayout(l), l.fromChannelsFirst(x)));
    }

    @Test
    void channelsLastBlocks() {
        assertGradients(21, new long[]{2, 3, 4, 5}, channelsLast((ctx, x) -> LayerNorm.channels(ctx, x, 3)));
        assertGradients(22, new long[]{1, 2, 4, 5},
                channelsLast((ctx, x) -> Conv2d.of3x3(2, 3, new Periodicity(true, false)).apply(ctx.scope("conv"), x)));
        assertGradients(23, new long[]{2, 3, 4, 4}, channelsLast((ctx, x) -> {
            var mod = x.mean(1, 2).reshape(-1, 3).mul(0.3);
            return new ResidualBlock(3, Periodicity.both(), 0).apply(ctx.scope("block"), x,
                    ctx.sd().concat(1, mod, mod.mul(-0.5)));
        }));
        assertGradients(24, new long[]{1, 2, 4, 4},
                channelsLast((ctx, x) -> PixelShuffle.down(ctx.scope("down"), x, 2, 3, 2, Periodicity.both())));
        assertGradients(25, new long[]{1, 3, 2, 2},
                channelsLast((ctx, x) -> PixelShuffle.up(ctx.scope("up"), x, 3, 2, 2, Periodicity.none())));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void attentionWithQkNorm(boolean matmul) {
        assertGradients(12, new long[]{2 * 5, 8}, options(matmul),
                (ctx, x) -> new Attention(8, 2, 5).apply(ctx.scope("attention"), x, null));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void attentionWithRotaryCode(boolean matmul) {
        TokenGrid grid = new TokenGrid(2, 2, 3);
        assertGradients(13, new long[]{2 * 12, 12}, options(matmul), (ctx, x) -> new Attention(12, 2, 12)
                .apply(ctx.scope("attention"), x, PositionCode.Rotary.of(ctx, grid, 6)));
    }

    @Test
    void absolutePositionCodes() {
        TokenGrid grid = new TokenGrid(2, 2, 2);
        assertGradients(14, new long[]{2 * 8, 4},
                (ctx, x) -> PositionCode.SINUSOIDAL_LINEAR.addTo(ctx.scope("pos"), x, grid, 4));
        assertGradients(15, new long[]{2 * 8, 4},
                (ctx, x) -> PositionCode.LEARNED.addTo(ctx.scope("pos"), x, grid, 4));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void adaLnBlock(boolean matmul) {
        for (boolean modulateMlp : new boolean[]{true, false}) {
            assertGradients(16, new long[]{2 * 4, 8}, options(matmul), (ctx, x) -> {
                var conditioning = x.reshape(-1, 4, 8).mean(1).mul(0.5);
                return new AdaLnBlock(8, 2, 4, 2, 0, modulateMlp).apply(ctx.scope("block"), x, conditioning, null);
            });
        }
        assertGradients(17, new long[]{2 * 4, 8},
                (ctx, x) -> new AdaLnBlock(8, 2, 4, 2, 0, true).apply(ctx.scope("block"), x, null, null));
    }

    @Test
    void conditioningEmbedding() {
        assertGradients(18, new long[]{3, 2}, (ctx, x) -> {
            var noise = x.mean(1);
            return new ConditioningEmbedding(6, 8).apply(ctx.scope("cond"), noise, x, 2);
        });
    }
}
