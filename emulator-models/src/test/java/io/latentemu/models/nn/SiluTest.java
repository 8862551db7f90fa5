package io.latentemu.models.nn;

import static io.latentemu.models.onednn.SiluClosedForm.silu;
import static io.latentemu.models.onednn.SiluClosedForm.siluDerivative;
import static io.latentemu.models.nn.GradientChecks.assertGradients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.latentemu.models.graph.JavaOpSession;
import io.latentemu.models.onednn.OneDnn;
import io.latentemu.models.onednn.Swish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SiLU ({@link Silu}) by its two single-precision kernels, oneDNN's swish ({@link Swish}) and the vectorised tanh
 * ({@link VectorTanh}): values and gradients against the closed forms {@code x / (1 + e^-x)} and
 * {@code s + x s (1 - s)} evaluated in Java's double arithmetic, central finite differences in double precision,
 * and the graph's round trip through a file.
 */
class SiluTest {

    /** The single-precision kernels and the op each puts in the graph. */
    enum Kernel {
        ONEDNN(GraphOptions.defaults(), Swish.OP_NAME),
        TANH(GraphOptions.defaults().withOneDnnKernels(false), VectorTanh.OP_NAME);

        final GraphOptions options;
        final String op;

        Kernel(GraphOptions options, String op) {
            this.options = options;
            this.op = op;
        }

        /** Skips the oneDNN cases where oneDNN cannot run (the defaults then build the tanh form). */
        void assumeAvailable() {
            assumeTrue(this != ONEDNN || OneDnn.available(), () -> "oneDNN unavailable: " + OneDnn.unavailableReason());
        }
    }

    /** Inputs spread over [-14, 14] (the negative tail is where 1 + tanh(x/2) cancels), single precision. */
    private static INDArray inputs() {
        return Nd4j.linspace(-14, 14, 4 * 16 * 16 * 32, DataType.FLOAT).reshape(4, 16, 16, 32);
    }

    private static SameDiff graph(INDArray x, GraphOptions options, INDArray weights) {
        SameDiff sd = SameDiff.create();
        GraphContext ctx = GraphContext.create(sd, DataType.FLOAT, 0, options);
        SDVariable in = sd.var("x", x.dup());
        SDVariable y = Silu.apply(ctx, in);
        sd.setLossVariables(y.mul(sd.constant(weights)).sum("loss"));
        y.rename("y");
        return runnable(sd);
    }

    /** The graph with its gradient function and this thread's session that runs the oneDNN ops. */
    private static SameDiff runnable(SameDiff sd) {
        sd.createGradFunction();
        JavaOpSession.install(sd);
        return sd;
    }


    @ParameterizedTest
    @EnumSource(Kernel.class)
    void singlePrecisionValuesAndGradientsMatchTheClosedForms(Kernel kernel) {
        kernel.assumeAvailable();
        INDArray x = inputs();
        INDArray weights = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        SameDiff sd = graph(x, kernel.options, weights);
        INDArray y = sd.output(Map.of(), "y").get("y");
        INDArray dx = sd.calculateGradients(Map.of(), "x").get("x");
        double worstValue = 0;
        double worstGradient = 0;
        for (long i = 0; i < x.length(); i++) {
            double xi = x.getDouble(i);
            double valueError = Math.abs(y.getDouble(i) - silu(xi)) / (1e-6 + 1e-6 * Math.abs(silu(xi)));
            double gradientError = Math.abs(dx.getDouble(i) - weights.getDouble(i) * siluDerivative(xi)) / 2e-6;
            worstValue = Math.max(worstValue, valueError);
            worstGradient = Math.max(worstGradient, gradientError);
        }
        assertTrue(worstValue <= 1, "value error " + worstValue + " x (1e-6 + 1e-6 |y|)");
        assertTrue(worstGradient <= 1, "gradient error " + worstGradient + " x 2e-6");
        Set<String> ops = sd.getOps().values().stream().map(o -> o.getOp().opName()).collect(Collectors.toSet());
        assertTrue(ops.contains(kernel.op), "the graph runs " + kernel.op + ": " + ops);
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void agreesWithLibnd4jsSwish(Kernel kernel) {
        kernel.assumeAvailable();
        INDArray x = inputs();
        INDArray weights = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        SameDiff tanh = graph(x, kernel.options, weights);
        SameDiff swish = graph(x, GraphOptions.defaults().withOneDnnKernels(false).withTanhSilu(false), weights);
        INDArray a = tanh.output(Map.of(), "y").get("y");
        INDArray b = swish.output(Map.of(), "y").get("y");
        assertEquals(0, a.sub(b).amaxNumber().doubleValue(), 1e-5);
        INDArray da = tanh.calculateGradients(Map.of(), "x").get("x");
        INDArray db = swish.calculateGradients(Map.of(), "x").get("x");
        assertEquals(0, da.sub(db).amaxNumber().doubleValue(), 1e-5);
    }

    @Test
    void finiteDifferencesInDoublePrecision() {
        assertGradients(3, new long[]{2, 3, 5, 4}, Silu::apply);
    }

    @ParameterizedTest
    @EnumSource(Kernel.class)
    void savedAndLoadedGraphKeepsTheOpAndItsGradient(Kernel kernel) throws Exception {
        kernel.assumeAvailable();
        INDArray x = inputs();
        INDArray weights = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        SameDiff sd = graph(x, kernel.options, weights);
        INDArray before = sd.calculateGradients(Map.of(), "x").get("x");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sd.save(bytes, true);
        CustomOps.register();
        SameDiff loaded = runnable(SameDiff.load(new ByteArrayInputStream(bytes.toByteArray()), true));
        assertTrue(loaded.getOps().values().stream().anyMatch(op -> op.getOp().opName().equals(kernel.op)));
        INDArray after = loaded.calculateGradients(Map.of(), "x").get("x");
        assertEquals(0, after.sub(before).amaxNumber().doubleValue(), 1e-7);
    }
}
