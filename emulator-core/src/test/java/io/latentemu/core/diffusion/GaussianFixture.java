package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gaussian test data with means and variances that differ per entry, and the exact probability flow. */
final class GaussianFixture {

    final long[] sampleShape;
    final INDArray mean;
    final INDArray variance;
    final GaussianDenoiser denoiser;

    GaussianFixture(DataType type, long... sampleShape) {
        this.sampleShape = sampleShape;
        int n = 1;
        for (long s : sampleShape) {
            n *= (int) s;
        }
        double[] m = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = Math.sin(0.7 * i);              // in [-1, 1]
            v[i] = 0.25 + 3.75 * ((i * 37) % n) / n; // in [0.25, 4)
        }
        mean = Nd4j.createFromArray(m).reshape(sampleShape).castTo(type);
        variance = Nd4j.createFromArray(v).reshape(sampleShape).castTo(type);
        denoiser = new GaussianDenoiser(mean, variance);
    }

    long[] batchShape(int rows) {
        long[] s = new long[sampleShape.length + 1];
        s[0] = rows;
        System.arraycopy(sampleShape, 0, s, 1, sampleShape.length);
        return s;
    }

    /**
     * The exact probability-flow ODE solution of N(m, v) data in the variance-exploding form:
     * x(s) = m + (x(s0) - m) sqrt((v + s^2) / (v + s0^2)), since the marginal at s is N(m, v + s^2) and the
     * flow maps quantiles to quantiles.
     */
    static double exactFlow(double x0, double s0, double s, double m, double v) {
        return m + (x0 - m) * Math.sqrt((v + s * s) / (v + s0 * s0));
    }
}
