package io.latentemu.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Values of the building blocks against independent computations (plain Java loops, closed forms). */
class BlockValueTest {

    private static GraphContext context(DataType type) {
        return GraphContext.create(SameDiff.create(), type, 3, GraphOptions.defaults());
    }

    private static INDArray eval(GraphContext ctx, SDVariable out, SDVariable in, INDArray value) {
        return ctx.sd().output(Map.of(in.name(), value), out.name()).get(out.name());
    }

    @Test
    void gradientCheckerDetectsAWrongGradient() {
        // SameDiff M2.1's biased variance divides its gradient by N-1 (NOTES-SAMEDIFF.md): the checker must see it
        var failures = GradientChecks.check(1, new long[]{3, 4}, GraphOptions.defaults(),
                (ctx, x) -> ctx.sd().variance(x, false, 1));
        assertFalse(failures.isEmpty(), "a known wrong gradient passed the check");
    }

    @Test
    void channelNormStandardisesEachPixelOverChannels() {
        GraphContext ctx = context(DataType.DOUBLE);
        SDVariable x = ctx.sd().placeHolder("x", DataType.DOUBLE, -1, 3, -1, -1);
        SDVariable y = LayerNorm.channels(ctx, x, 3);
        INDArray in = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 5).muli(3).addi(1);
        INDArray out = eval(ctx, y, x, in);
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    double mean = 0;
                    for (int c = 0; c < 3; c++) {
                        mean += in.getDouble(b, c, i, j) / 3;
                    }
                    double var = 0;
                    for (int c = 0; c < 3; c++) {
                        var += Math.pow(in.getDouble(b, c, i, j) - mean, 2) / 3;
                    }
                    for (int c = 0; c < 3; c++) {
                        double expected = (in.getDouble(b, c, i, j) - mean) / Math.sqrt(var + 1e-5);
                        assertEquals(expected, out.getDouble(b, c, i, j), 1e-10);
                    }
                }
            }
        }
    }

    @Test
    void fusedAndComposedNormsAgreeAwayFromZeroVariance() {
        // libnd4j's layer_norm adds (almost) no epsilon: equal to ours only where the variance dwarfs 1e-5
        INDArray in = Nd4j.randn(DataType.DOUBLE, 2, 3, 4, 5).muli(10);
        GraphOptions[] variants = {new GraphOptions(false, true, false, 128, true, true),
                new GraphOptions(false, false, false, 128, true, true), new GraphOptions(true, false, false, 128, true, true)};
        INDArray[] channels = new INDArray[variants.length];
        INDArray[] tokens = new INDArray[variants.length];
        for (int f = 0; f < variants.length; f++) {
            GraphContext ctx = GraphContext.create(SameDiff.create(), DataType.DOUBLE, 3, variants[f]);
            SDVariable x = ctx.sd().placeHolder("x", DataType.DOUBLE, -1, 3, 4, 5);
            channels[f] = eval(ctx, LayerNorm.channels(ctx, x, 3), x, in);
            tokens[f] = eval(ctx, LayerNorm.lastAxis(ctx, x, 4, 5), x, in);
        }
        assertTrue(tokens[0].equalsWithEps(tokens[1], 1e-12), "matrix-product and broadcasting token norms differ");
        assertTrue(channels[1].equalsWithEps(channels[2], 1e-4), "fused layer_norm differs from the composed channel norm");
        assertTrue(tokens[1].equalsWithEps(tokens[2], 1e-4), "fused layer_norm differs from the composed token norm");
    }

    @Test
    void broadcastsByMatrixProductsEqualBroadcastingOps() {
        GraphContext ctx = context(DataType.DOUBLE);
        SDVariable x = ctx.sd().placeHolder("x", DataType.DOUBLE, -1, 3, 4);
        SDVariable s = ctx.sd().placeHolder("s", DataType.DOUBLE, -1, 1, 4);
        SDVariable viaProducts = Broadcasts.shiftRows(ctx, Broadcasts.scaleRows(ctx, x, s), s);
        SDVariable viaBroadcast = x.mul(s).add(s);
        SDVariable rows = x.reshape(-1, 4);
        SDVariable b = ctx.constant(Nd4j.createFromArray(1.0, -2.0, 3.0, 0.5));
        SDVariable biasProducts = Broadcasts.addRow(ctx, rows, b, 4);
        SDVariable biasBroadcast = rows.add(b);
        SDVariable meanProducts = Broadcasts.multiplyColumn(ctx,
                Broadcasts.subtractColumn(ctx, rows, Broadcasts.rowMean(ctx, rows, 4)), rows.sum(true, 1));
        SDVariable meanBroadcast = rows.sub(rows.mean(true, 1)).mul(rows.sum(true, 1));
        Map<String, INDArray> out = ctx.sd().output(Map.of("x", Nd4j.randn(DataType.DOUBLE, 2, 3, 4),
                "s", Nd4j.randn(DataType.DOUBLE, 2, 1, 4)), viaProducts.name(), viaBroadcast.name(), biasProducts.name(),
                biasBroadcast.name(), meanProducts.name(), meanBroadcast.name());
        assertTrue(out.get(viaProducts.name()).equalsWithEps(out.get(viaBroadcast.name()), 1e-12));
        assertTrue(out.get(biasProducts.name()).equalsWithEps(out.get(biasBroadcast.name()), 1e-12));
        assertTrue(out.get(meanProducts.name()).equalsWithEps(out.get(meanBroadcast.name()), 1e-12));
    }

    @Test
    void circularPaddingEqualsIndexWrapping() {
        GraphContext ctx = context(DataType.FLOAT);
        SDVariable x = ctx.sd().placeHolder("x", DataType.FLOAT, -1, -1, -1, -1);
        int h = 5;
        int w = 6;
        INDArray in = Nd4j.rand(DataType.FLOAT, 2, 3, h, w);
        for (boolean ph : new boolean[]{true, false}) {
            for (boolean pw : new boolean[]{true, false}) {
                INDArray out = eval(ctx, CircularPad.apply(ctx, x, 2, ph, pw), x, in);
                int oh = ph ? h + 4 : h;
                int ow = pw ? w + 4 : w;
                assertArrayEquals(new long[]{2, 3, oh, ow}, out.shape());
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int si = ph ? Math.floorMod(i - 2, h) : i;
                        int sj = pw ? Math.floorMod(j - 2, w) : j;
                        assertEquals(in.getFloat(1, 2, si, sj), out.getFloat(1, 2, i, j), 0f);
                    }
                }
            }
        }
    }

    @Test
    void periodicConvolutionEqualsRolledSum() {
        // out[o,i,j] = b[o] + sum_{dy,dx,c} W[dy,dx,c,o] x[c, i+dy-1 (wrapped or zero), j+dx-1 (wrapped or zero)]
        GraphContext ctx = context(DataType.DOUBLE);
        SDVariable x = ctx.sd().placeHolder("x", DataType.DOUBLE, -1, 2, -1, -1);
        Periodicity periodic = new Periodicity(true, false);
        SDVariable y = Conv2d.of3x3(2, 3, periodic).apply(ctx.scope("conv"), x);
        ctx.sd().getVariable("conv/b").setArray(Nd4j.createFromArray(0.1, -0.2, 0.3));
        INDArray weights = ctx.sd().getVariable("conv/W").getArr();
        INDArray in = Nd4j.rand(DataType.DOUBLE, 1, 2, 4, 5);
        INDArray out = eval(ctx, y, x, in);
        double[] bias = {0.1, -0.2, 0.3};
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 5; j++) {
                    double sum = bias[o];
                    for (int dy = 0; dy < 3; dy++) {
                        for (int dx = 0; dx < 3; dx++) {
                            int si = Math.floorMod(i + dy - 1, 4);
                            int sj = j + dx - 1;
                            if (sj < 0 || sj >= 5) {
                                continue;
                            }
                            for (int c = 0; c < 2; c++) {
                                sum += weights.getDouble(dy, dx, c, o) * in.getDouble(0, c, si, sj);
                            }
                        }
                    }
                    assertEquals(sum, out.getDouble(0, o, i, j), 1e-10);
                }
            }
        }
    }

    @Test
    void pixelUnshuffleOrderAndExactRoundTrip() {
        GraphContext ctx = context(DataType.FLOAT);
        SDVariable x = ctx.sd().placeHolder("x", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable down = PixelShuffle.unshuffle(ctx, x, 2);
        SDVariable back = PixelShuffle.shuffle(ctx, down, 2);
        INDArray in = Nd4j.rand(DataType.FLOAT, 2, 3, 4, 6);
        Map<String, INDArray> out = ctx.sd().output(Map.of("x", in), down.name(), back.name());
        INDArray d = out.get(down.name());
        assertArrayEquals(new long[]{2, 12, 2, 3}, d.shape());
        for (int c = 0; c < 3; c++) {
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    int channel = (dy * 2 + dx) * 3 + c;
                    assertEquals(in.getFloat(1, c, 2 + dy, 4 + dx), d.getFloat(1, channel, 1, 2), 0f);
                }
            }
        }
        assertEquals(in, out.get(back.name()));
    }

    @Test
    void downAndUpConvolutionsStartNearPoolingAndUpsampling() {
        GraphContext ctx = context(DataType.DOUBLE);
        SDVariable x = ctx.sd().placeHolder("x", DataType.DOUBLE, -1, 4, 8, 8);
        SDVariable down = PixelShuffle.down(ctx.scope("down"), x, 4, 8, 2, Periodicity.both());
        SDVariable z = ctx.sd().placeHolder("z", DataType.DOUBLE, -1, 8, 4, 4);
        SDVariable up = PixelShuffle.up(ctx.scope("up"), z, 8, 4, 2, Periodicity.both());
        INDArray in = Nd4j.randn(DataType.DOUBLE, 2, 4, 8, 8);
        INDArray pooled = Nd4j.zeros(DataType.DOUBLE, 2, 8, 4, 4);
        for (int b = 0; b < 2; b++) {
            for (int o = 0; o < 8; o++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        double s = 0;
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                s += in.getDouble(b, o % 4, 2 * i + dy, 2 * j + dx) / 4;
                            }
                        }
                        pooled.putScalar(new long[]{b, o, i, j}, s);
                    }
                }
            }
        }
        INDArray outDown = eval(ctx, down, x, in);
        assertTrue(relativeRms(outDown, pooled) < 0.25, "down convolution far from average pooling: " + relativeRms(outDown, pooled));

        INDArray latent = Nd4j.randn(DataType.DOUBLE, 2, 8, 4, 4);
        INDArray upsampled = Nd4j.zeros(DataType.DOUBLE, 2, 4, 8, 8);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        upsampled.putScalar(new long[]{b, c, i, j}, latent.getDouble(b, c, i / 2, j / 2));
                    }
                }
            }
        }
        INDArray outUp = eval(ctx, up, z, latent);
        assertTrue(relativeRms(outUp, upsampled) < 0.25, "up convolution far from upsampling: " + relativeRms(outUp, upsampled));
    }

    private static double relativeRms(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }

    @Test
    void dropoutIsOffInInferenceAndOnInTraining() {
        GraphContext ctx = context(DataType.FLOAT);
        SDVariable x = ctx.sd().placeHolder("x", DataType.FLOAT, -1, 1000);
        SDVariable y = Dropout.apply(ctx, x, 0.3);
        INDArray in = Nd4j.ones(DataType.FLOAT, 4, 1000);
        INDArray off1 = ctx.sd().output(Map.of("x", in, GraphContext.TRAINING_FLAG, Nd4j.scalar(false)), y.name()).get(y.name());
        INDArray off2 = ctx.sd().output(Map.of("x", in, GraphContext.TRAINING_FLAG, Nd4j.scalar(false)), y.name()).get(y.name());
        assertEquals(in, off1);
        assertEquals(off1, off2);
        INDArray on = ctx.sd().output(Map.of("x", in, GraphContext.TRAINING_FLAG, Nd4j.scalar(true)), y.name()).get(y.name());
        double zeros = on.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.3, zeros, 0.03, "fraction dropped");
        assertEquals(1.0, on.meanNumber().doubleValue(), 0.05, "inverted dropout keeps the mean");
    }

    @Test
    void rotaryCodeKeepsNormsAndMakesScoresDependOnOffsetsOnly() {
        TokenGrid grid = new TokenGrid(3, 4, 5);
        GraphContext ctx = context(DataType.DOUBLE);
        PositionCode.Rotary rotary = PositionCode.Rotary.of(ctx, grid, 12);
        SDVariable x = ctx.sd().placeHolder("x", DataType.DOUBLE, -1, 1, grid.count(), 12);
        SDVariable y = rotary.rotate(ctx, x);
        // the same query vector at every token: after rotation, q_i . q_j depends on the offset i - j only
        INDArray v = Nd4j.randn(DataType.DOUBLE, 12);
        INDArray in = Nd4j.zeros(DataType.DOUBLE, 1, 1, grid.count(), 12);
        for (int i = 0; i < grid.count(); i++) {
            in.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(v);
        }
        INDArray out = eval(ctx, y, x, in).reshape(grid.count(), 12);
        for (int i = 0; i < grid.count(); i++) {
            assertEquals(v.norm2Number().doubleValue(), out.getRow(i).norm2Number().doubleValue(), 1e-10);
        }
        // tokens (0,0,0)-(1,2,3) and (1,1,1)-(2,3,4) have the same offset
        int a = index(grid, 0, 0, 0);
        int b = index(grid, 1, 2, 3);
        int c = index(grid, 1, 1, 1);
        int d = index(grid, 2, 3, 4);
        double s1 = out.getRow(a).mul(out.getRow(b)).sumNumber().doubleValue();
        double s2 = out.getRow(c).mul(out.getRow(d)).sumNumber().doubleValue();
        assertEquals(s1, s2, 1e-10);
        // and a different offset gives a different score
        double s3 = out.getRow(a).mul(out.getRow(d)).sumNumber().doubleValue();
        assertTrue(Math.abs(s1 - s3) > 1e-6);
    }

    @Test
    void rotaryCodeTurnsEachPairByItsAngle() {
        // both ways of computing the rotation (products with ones and a turn matrix, or slices and broadcasting
        // multiplies) against the pair rotation written out
        TokenGrid grid = new TokenGrid(2, 2, 3);
        int dh = 8;
        int half = dh / 2;
        double[][] angles = PositionCode.rotaryAngles(grid, dh);
        INDArray in = Nd4j.randn(DataType.DOUBLE, 2, 3, grid.count(), dh);
        for (boolean matmul : new boolean[]{true, false}) {
            GraphContext ctx = GraphContext.create(SameDiff.create(), DataType.DOUBLE, 3,
                    GraphOptions.defaults().withMatmulBroadcasts(matmul));
            SDVariable x = ctx.sd().placeHolder("x", DataType.DOUBLE, -1, 3, grid.count(), dh);
            INDArray out = eval(ctx, PositionCode.Rotary.of(ctx, grid, dh).rotate(ctx, x), x, in);
            for (int b = 0; b < 2; b++) {
                for (int h = 0; h < 3; h++) {
                    for (int i = 0; i < grid.count(); i++) {
                        for (int j = 0; j < half; j++) {
                            double c = Math.cos(angles[i][j]);
                            double s = Math.sin(angles[i][j]);
                            double u = in.getDouble(b, h, i, j);
                            double v = in.getDouble(b, h, i, j + half);
                            assertEquals(u * c - v * s, out.getDouble(b, h, i, j), 1e-12);
                            assertEquals(v * c + u * s, out.getDouble(b, h, i, j + half), 1e-12);
                        }
                    }
                }
            }
        }
    }

    private static int index(TokenGrid g, int t, int y, int x) {
        return (t * g.height() + y) * g.width() + x;
    }

    @Test
    void sinusoidalCodeMatchesClosedForm() {
        GraphContext ctx = context(DataType.DOUBLE);
        SDVariable s = ctx.sd().placeHolder("s", DataType.DOUBLE, -1);
        SDVariable code = SinusoidalCode.apply(ctx, s, 8);
        INDArray out = eval(ctx, code, s, Nd4j.createFromArray(0.5, -2.0));
        for (int k = 0; k < 4; k++) {
            double f = Math.pow(1e4, -k / 4.0);
            assertEquals(Math.sin(-2.0 * f), out.getDouble(1, k), 1e-12);
            assertEquals(Math.cos(-2.0 * f), out.getDouble(1, 4 + k), 1e-12);
        }
    }
}
