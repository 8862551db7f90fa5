package io.latentemu.models.nn;

import static io.latentemu.models.nn.GradientChecks.assertGradients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution gradients computed by forward convolutions ({@link ForwardGradientConv2D}): central finite
 * differences in double precision, agreement with libnd4j's {@code conv2d_bp} in single precision (where oneDNN
 * runs), and survival of the op through SameDiff's cloning and a save/load round trip.
 */
class ForwardGradientConv2DTest {

    private static final GraphOptions FORWARD = GraphOptions.defaults().withForwardGradientChannels(0);

    private static java.util.function.BiFunction<GraphContext, SDVariable, SDVariable> channelsLastConv(
            long in, long out, int kernel, Periodicity periodic) {
        return (ctx, x) -> {
            GraphContext c = ctx.withLayout(Layout.CHANNELS_LAST);
            SDVariable nhwc = x.permute(0, 2, 3, 1);
            return new Conv2d(in, out, kernel, periodic).apply(c.scope("conv"), nhwc).permute(0, 3, 1, 2);
        };
    }

    @ParameterizedTest(name = "kernel {0}, periodic h={1} w={2}")
    @CsvSource({"3, false, false", "3, true, false", "3, true, true", "5, false, true", "1, false, false"})
    void finiteDifferences(int kernel, boolean periodicH, boolean periodicW) {
        assertGradients(31 + kernel, new long[]{2, 3, 6, 5}, FORWARD,
                channelsLastConv(3, 4, kernel, new Periodicity(periodicH, periodicW)));
    }

    @Test
    void channelsFirstFallsBackToNativeGradientAndStaysCorrect() {
        assertGradients(41, new long[]{2, 3, 5, 4}, FORWARD,
                (ctx, x) -> Conv2d.of3x3(3, 2, Periodicity.none()).apply(ctx.scope("conv"), x));
    }

    /** A channels-last convolution with random weights, its loss {@code sum(y * r)}, in single precision. */
    private static SameDiff singlePrecisionGraph(boolean forward, INDArray input, int out, Periodicity periodic) {
        long in = input.size(3);
        long size = input.size(1);
        Nd4j.getRandom().setSeed(7);
        SameDiff sd = SameDiff.create();
        GraphContext ctx = GraphContext.create(sd, DataType.FLOAT, 7, GraphOptions.defaults()
                .withForwardGradientChannels(forward ? 0 : Integer.MAX_VALUE)).withLayout(Layout.CHANNELS_LAST);
        SDVariable x = sd.var("x", input.dup());
        SDVariable y = Conv2d.of3x3(in, out, periodic).apply(ctx.scope("conv"), x);
        SDVariable r = sd.constant("r", Nd4j.randn(DataType.FLOAT, 4, size, size, out));
        sd.setLossVariables(y.mul(r).sum().rename("loss"));
        for (SDVariable v : sd.variables()) {
            if (v.getArr() != null && v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                if (!v.name().equals("x")) {
                    v.setArray(Nd4j.randn(DataType.FLOAT, v.getArr().shape()).muli(0.2));
                }
            }
        }
        return sd;
    }

    private static Map<String, INDArray> gradients(SameDiff sd) {
        return sd.calculateGradients(Map.of(), "x", "conv/W", "conv/b");
    }

    private static Set<String> gradientOpNames(SameDiff sd) {
        return sd.getFunction("grad").getOps().values().stream().map(SameDiffOp::getOp)
                .map(op -> op.opName()).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0} channels at {1}x{1}")
    @CsvSource({"16, 16", "64, 8"})
    void agreesWithLibnd4jsBackwardPassInSinglePrecision(int channels, int size) {
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, size, size, channels);
        for (Periodicity periodic : List.of(Periodicity.none(), Periodicity.both())) {
            SameDiff nativeGraph = singlePrecisionGraph(false, x, channels, periodic);
            SameDiff forwardGraph = singlePrecisionGraph(true, x, channels, periodic);
            Map<String, INDArray> expected = gradients(nativeGraph);
            Map<String, INDArray> actual = gradients(forwardGraph);
            for (String name : List.of("x", "conv/W", "conv/b")) {
                double error = actual.get(name).sub(expected.get(name)).norm2Number().doubleValue()
                        / expected.get(name).norm2Number().doubleValue();
                assertTrue(error < 1e-5, name + " relative difference " + error + " (" + periodic + ")");
            }
            assertTrue(gradientOpNames(nativeGraph).contains("conv2d_bp"));
            assertFalse(gradientOpNames(forwardGraph).contains("conv2d_bp"),
                    "SameDiff's cloning must keep the op's class: " + gradientOpNames(forwardGraph));
        }
    }

    @Test
    void savedAndLoadedGraphKeepsTheOpAndItsGradient() throws Exception {
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 8, 8, 16);
        SameDiff sd = singlePrecisionGraph(true, x, 16, Periodicity.both());
        Map<String, INDArray> before = gradients(sd);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sd.save(bytes, false);
        CustomOps.register();
        SameDiff loaded = SameDiff.load(new ByteArrayInputStream(bytes.toByteArray()), false);
        assertTrue(loaded.getOps().values().stream().anyMatch(op -> op.getOp() instanceof ForwardGradientConv2D));
        Map<String, INDArray> after = gradients(loaded);
        for (String name : List.of("x", "conv/W", "conv/b")) {
            assertEquals(0.0, after.get(name).sub(before.get(name)).norm2Number().doubleValue(),
                    1e-6 * before.get(name).norm2Number().doubleValue(), name);
        }
        assertFalse(gradientOpNames(loaded).contains("conv2d_bp"));
    }
}
