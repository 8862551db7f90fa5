package io.latentemu.models.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.latentemu.models.graph.JavaOpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * oneDNN's row norm ({@link RowNorm}, {@link RowNormGradient}) against the closed forms evaluated in Java's double
 * arithmetic: {@code y = (x - m) / sqrt(v + eps)} per row (biased variance) and
 * {@code dx = (g - mean(g) - y mean(g y)) / sqrt(v + eps)}, on rows with large offsets, constant rows (where eps
 * alone keeps the division finite) and rows of small variance (where eps matters), for inputs of rank 2 and 4
 * and for a strided input.
 */
class RowNormTest {

    private static final double EPS = 1e-5;

    @BeforeAll
    static void needsOneDnn() {
        assumeTrue(OneDnn.available(), () -> "oneDNN unavailable: " + OneDnn.unavailableReason());
    }

    /** Rows of width d: random, shifted by 100, constant, and of variance about 1e-6. */
    private static INDArray rows(long n, long d) {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, d);
        x.getRow(1).addi(100);
        x.getRow(2).assign(3.5);
        x.getRow(3).muli(1e-3);
        return x;
    }

    /** A row's mean and biased variance, in double precision. */
    private static double[] meanAndVariance(double[] row) {
        double m = 0;
        for (double v : row) {
            m += v / row.length;
        }
        double var = 0;
        for (double v : row) {
            var += (v - m) * (v - m) / row.length;
        }
        return new double[]{m, var};
    }

    /** The closed-form norm of one row, in double precision. */
    private static double[] normalised(double[] row) {
        double[] mv = meanAndVariance(row);
        double[] y = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            y[j] = (row[j] - mv[0]) / Math.sqrt(mv[1] + EPS);
        }
        return y;
    }

    private static double inverseStd(double[] row) {
        return 1 / Math.sqrt(meanAndVariance(row)[1] + EPS);
    }

    private static SameDiff graph(INDArray x, INDArray weights) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("x", x.dup());
        SDVariable y = RowNorm.apply(sd, in, EPS);
        sd.setLossVariables(y.mul(sd.constant(weights)).sum("loss"));
        y.rename("y");
        sd.createGradFunction();
        JavaOpSession.install(sd);
        return sd;
    }

    /** Checks y and dx of the loss {@code sum(w * y)} row by row against the closed forms. */
    private static void assertMatchesClosedForm(INDArray x, SameDiff sd, INDArray weights) {
        long d = x.size(x.rank() - 1);
        INDArray xr = x.reshape(-1, d);
        INDArray y = sd.output(Map.of(), "y").get("y").reshape(-1, d);
        INDArray dx = sd.calculateGradients(Map.of(), "x").get("x").reshape(-1, d);
        INDArray w = weights.reshape(-1, d);
        double worstValue = 0;
        double worstGradient = 0;
        for (long i = 0; i < xr.rows(); i++) {
            double[] row = xr.getRow(i).toDoubleVector();
            double[] g = w.getRow(i).toDoubleVector();
            double[] expected = normalised(row);
            double r = inverseStd(row);
            double meanG = 0;
            double meanGy = 0;
            for (int j = 0; j < d; j++) {
                meanG += g[j] / d;
                meanGy += g[j] * expected[j] / d;
            }
            for (int j = 0; j < d; j++) {
                double value = y.getDouble(i, j);
                worstValue = Math.max(worstValue, Math.abs(value - expected[j]) / (1e-5 * (1 + Math.abs(expected[j]))));
                double grad = r * (g[j] - meanG - expected[j] * meanGy);
                double scale = 1e-5 * (1 + r * (Math.abs(g[j]) + Math.abs(meanG) + Math.abs(expected[j] * meanGy)));
                worstGradient = Math.max(worstGradient, Math.abs(dx.getDouble(i, j) - grad) / scale);
            }
        }
        assertTrue(worstValue <= 1, "value error " + worstValue + " x 1e-5 (1 + |y|)");
        assertTrue(worstGradient <= 1, "gradient error " + worstGradient + " x 1e-5 (1 + r (|g| + ...))");
    }

    @Test
    void rowsMatchTheClosedForms() {
        INDArray x = rows(64, 32);
        INDArray w = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        assertMatchesClosedForm(x, graph(x, w), w);
    }

    @Test
    void channelsLastImagesAreNormalisedOverTheirLastAxis() {
        INDArray x = rows(2 * 4 * 4, 16).reshape(2, 4, 4, 16);
        INDArray w = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        assertMatchesClosedForm(x, graph(x, w), w);
    }

    @Test
    void stridedInputIsReadCorrectly() {
        INDArray wide = rows(24, 40);
        INDArray transposed = wide.transpose();   // [40, 24], column-major view
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 24);
        SDVariable y = RowNorm.apply(sd, in, EPS);
        y.rename("y");
        JavaOpSession.install(sd);
        INDArray out = sd.output(Map.of("x", transposed), "y").get("y");
        for (long i = 0; i < 40; i++) {
            double[] expected = normalised(transposed.getRow(i).toDoubleVector());
            for (int j = 0; j < 24; j++) {
                assertEquals(expected[j], out.getDouble(i, j), 1e-5 * (1 + Math.abs(expected[j])));
            }
        }
    }

    @Test
    void savedAndLoadedGraphKeepsTheOpAndItsGradient() throws Exception {
        INDArray x = rows(16, 8);
        INDArray w = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        SameDiff sd = graph(x, w);
        INDArray before = sd.calculateGradients(Map.of(), "x").get("x");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sd.save(bytes, true);
        OneDnnOp.register();
        SameDiff loaded = SameDiff.load(new ByteArrayInputStream(bytes.toByteArray()), true);
        loaded.createGradFunction();
        JavaOpSession.install(loaded);
        assertTrue(loaded.getOps().values().stream().anyMatch(op -> op.getOp() instanceof RowNorm));
        INDArray after = loaded.calculateGradients(Map.of(), "x").get("x");
        assertEquals(0, after.sub(before).amaxNumber().doubleValue(), 1e-7);
    }

    @Test
    void aPlainSameDiffSessionSaysWhereTheOpRuns() {
        SameDiff sd = SameDiff.create();
        SDVariable y = RowNorm.apply(sd, sd.var("x", rows(4, 8)), EPS);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.eval());
        assertTrue(e.getMessage().contains("ModelGraph"), e.getMessage());
    }
}
