package io.latentemu.models.onednn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The closed forms of the row norm in Java's double arithmetic, {@code y = (x - m) / sqrt(v + eps)} per row
 * (biased variance) and, for a loss with gradient {@code g} with respect to y,
 * {@code dx = (g - mean(g) - y mean(g y)) / sqrt(v + eps)}, and the test rows they are checked on.
 */
final class RowNormClosedForm {

    static final double EPS = 1e-5;

    private RowNormClosedForm() {
    }

    /** Rows of width d: random, one shifted by 100, one constant (eps alone keeps it finite), one of variance ~1e-6. */
    static INDArray rows(long n, long d) {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, d);
        x.getRow(1).addi(100);
        x.getRow(2).assign(3.5);
        x.getRow(3).muli(1e-3);
        return x;
    }

    /** A row's mean and biased variance. */
    static double[] meanAndVariance(double[] row) {
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

    /** The normalised row. */
    static double[] normalised(double[] row) {
        double[] mv = meanAndVariance(row);
        double[] y = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            y[j] = (row[j] - mv[0]) / Math.sqrt(mv[1] + EPS);
        }
        return y;
    }

    /**
     * Asserts that {@code y} and {@code dx} (any shapes whose last axis is x's) are the closed forms for input
     * {@code x} and output gradient {@code g}, within 1e-5 relative to the terms' sizes.
     */
    static void check(INDArray x, INDArray g, INDArray y, INDArray dx) {
        long d = x.size(x.rank() - 1);
        INDArray xr = x.reshape(-1, d);
        INDArray gr = g.reshape(-1, d);
        INDArray yr = y.reshape(-1, d);
        INDArray dxr = dx.reshape(-1, d);
        double worstValue = 0;
        double worstGradient = 0;
        for (long i = 0; i < xr.rows(); i++) {
            double[] row = xr.getRow(i).toDoubleVector();
            double[] gi = gr.getRow(i).toDoubleVector();
            double[] expected = normalised(row);
            double r = 1 / Math.sqrt(meanAndVariance(row)[1] + EPS);
            double meanG = 0;
            double meanGy = 0;
            for (int j = 0; j < d; j++) {
                meanG += gi[j] / d;
                meanGy += gi[j] * expected[j] / d;
            }
            for (int j = 0; j < d; j++) {
                double value = yr.getDouble(i, j);
                worstValue = Math.max(worstValue, Math.abs(value - expected[j]) / (1e-5 * (1 + Math.abs(expected[j]))));
                double grad = r * (gi[j] - meanG - expected[j] * meanGy);
                double scale = 1e-5 * (1 + r * (Math.abs(gi[j]) + Math.abs(meanG) + Math.abs(expected[j] * meanGy)));
                worstGradient = Math.max(worstGradient, Math.abs(dxr.getDouble(i, j) - grad) / scale);
            }
        }
        assertTrue(worstValue <= 1, "value error " + worstValue + " x 1e-5 (1 + |y|)");
        assertTrue(worstGradient <= 1, "gradient error " + worstGradient + " x 1e-5 (1 + r (|g| + ...))");
    }
}
