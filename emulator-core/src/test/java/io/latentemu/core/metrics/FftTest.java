package io.latentemu.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FftTest {

    /** The DFT by its definition, O(N^2). */
    static double[][] direct(double[] re, double[] im) {
        int n = re.length;
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * ((long) k * j % n) / n;
                outRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                outIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
            }
        }
        return new double[][] {outRe, outIm};
    }

    @Test
    void matchesTheDirectDftForEveryKindOfLength() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 12, 17, 31, 64, 100, 127, 256, 360}) {
            double[] re = rng.doubles(n, -1, 1).toArray();
            double[] im = rng.doubles(n, -1, 1).toArray();
            double[][] expected = direct(re, im);
            FftNd.forward(re, im, n);
            for (int k = 0; k < n; k++) {
                assertEquals(expected[0][k], re[k], 1e-10 * Math.max(1, n), "re, n=" + n + ", k=" + k);
                assertEquals(expected[1][k], im[k], 1e-10 * Math.max(1, n), "im, n=" + n + ", k=" + k);
            }
        }
    }

    @Test
    void powerOfARealFieldIsTheSquaredMagnitudeOfItsTransform() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int[] shape : new int[][] {{7}, {9, 6}, {5, 3, 4}}) {
            int total = FftNd.size(shape);
            double[] x = rng.doubles(total, -1, 1).toArray();
            double[] re = x.clone();
            double[] im = new double[total];
            FftNd.forward(re, im, shape);
            double[] p = FftNd.power(x, shape);
            for (int k = 0; k < total; k++) {
                assertEquals(re[k] * re[k] + im[k] * im[k], p[k], 1e-10);
            }
        }
    }

    @Test
    void multiDimensionalTransformMatchesTheDirectSum() {
        SplittableRandom rng = new SplittableRandom(3);
        int[][] shapes = {{6, 10}, {8, 8}, {7, 9}, {3, 5, 4}};
        for (int[] shape : shapes) {
            int total = FftNd.size(shape);
            double[] x = rng.doubles(total, -1, 1).toArray();
            double[] re = x.clone();
            double[] im = new double[total];
            FftNd.forward(re, im, shape);
            for (int k = 0; k < total; k++) {
                int[] kk = unravel(k, shape);
                double sr = 0;
                double si = 0;
                for (int j = 0; j < total; j++) {
                    int[] jj = unravel(j, shape);
                    double a = 0;
                    for (int d = 0; d < shape.length; d++) {
                        a -= 2 * Math.PI * kk[d] * jj[d] / shape[d];
                    }
                    sr += x[j] * Math.cos(a);
                    si += x[j] * Math.sin(a);
                }
                assertEquals(sr, re[k], 1e-9);
                assertEquals(si, im[k], 1e-9);
            }
        }
    }

    @Test
    void fftfreqIsNumpys() {
        // numpy.fft.fftfreq(4) = [0, .25, -.5, -.25]; fftfreq(5) = [0, .2, .4, -.4, -.2]
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, .25, -.5, -.25}, Wavenumbers.fftfreq(4), 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, .2, .4, -.4, -.2}, Wavenumbers.fftfreq(5), 1e-16);
    }

    private static int[] unravel(int idx, int[] shape) {
        int[] out = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            out[d] = idx % shape[d];
            idx /= shape[d];
        }
        return out;
    }
}
