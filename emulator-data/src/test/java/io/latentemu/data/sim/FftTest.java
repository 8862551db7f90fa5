package io.latentemu.data.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The radix-2 FFT against a direct O(n^2) discrete Fourier transform. */
class FftTest {

    /** Direct DFT with sign -1 (forward) or +1 (inverse, unscaled). */
    private static double[][] dft(double[] re, double[] im, double sign) {
        int n = re.length;
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double angle = sign * 2 * Math.PI * ((long) j * k % n) / n;
                outRe[k] += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
                outIm[k] += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
            }
        }
        return new double[][] {outRe, outIm};
    }

    @Test
    void matchesDirectDftForEveryLengthUpTo256() {
        SplittableRandom random = new SplittableRandom(1);
        for (int n = 1; n <= 256; n *= 2) {
            for (boolean inverse : new boolean[] {false, true}) {
                double[] re = new double[n];
                double[] im = new double[n];
                for (int j = 0; j < n; j++) {
                    re[j] = random.nextDouble(-1, 1);
                    im[j] = random.nextDouble(-1, 1);
                }
                double[][] expected = dft(re, im, inverse ? 1 : -1);
                new Fft(n).transform(re, im, 0, inverse);
                for (int k = 0; k < n; k++) {
                    assertEquals(expected[0][k], re[k], 1e-12 * n, "n=" + n + " k=" + k);
                    assertEquals(expected[1][k], im[k], 1e-12 * n, "n=" + n + " k=" + k);
                }
            }
        }
    }

    @Test
    void twoDimensionalTransformMatchesDirectDftAndRoundTrips() {
        int n = 8;
        SplittableRandom random = new SplittableRandom(2);
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int c = 0; c < n * n; c++) {
            re[c] = random.nextDouble(-1, 1);
            im[c] = random.nextDouble(-1, 1);
        }
        double[] re0 = re.clone();
        double[] im0 = im.clone();
        Fft2d fft = new Fft2d(n);
        fft.forward(re, im);
        for (int k = 0; k < n; k++) {
            for (int l = 0; l < n; l++) {
                double sr = 0;
                double si = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double angle = -2 * Math.PI * (k * i + l * j) / n;
                        sr += re0[i * n + j] * Math.cos(angle) - im0[i * n + j] * Math.sin(angle);
                        si += re0[i * n + j] * Math.sin(angle) + im0[i * n + j] * Math.cos(angle);
                    }
                }
                assertEquals(sr, re[k * n + l], 1e-12);
                assertEquals(si, im[k * n + l], 1e-12);
            }
        }
        fft.inverse(re, im);
        for (int c = 0; c < n * n; c++) {
            assertEquals(re0[c], re[c], 1e-14);
            assertEquals(im0[c], im[c], 1e-14);
        }
    }

    @Test
    void columnBatchEqualsOneTransformPerColumn() {
        int n = 16;
        int width = 5;
        SplittableRandom random = new SplittableRandom(3);
        double[] re = new double[n * width];
        double[] im = new double[n * width];
        for (int c = 0; c < re.length; c++) {
            re[c] = random.nextDouble(-1, 1);
            im[c] = random.nextDouble(-1, 1);
        }
        double[][] expected = new double[width][];
        for (int col = 0; col < width; col++) {
            double[] cr = new double[n];
            double[] ci = new double[n];
            for (int i = 0; i < n; i++) {
                cr[i] = re[i * width + col];
                ci[i] = im[i * width + col];
            }
            double[][] d = dft(cr, ci, -1);
            expected[col] = new double[2 * n];
            System.arraycopy(d[0], 0, expected[col], 0, n);
            System.arraycopy(d[1], 0, expected[col], n, n);
        }
        new Fft(n).transformColumns(re, im, width, false);
        for (int col = 0; col < width; col++) {
            for (int i = 0; i < n; i++) {
                assertEquals(expected[col][i], re[i * width + col], 1e-12);
                assertEquals(expected[col][n + i], im[i * width + col], 1e-12);
            }
        }
    }

    @Test
    void rejectsLengthsThatAreNotPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(48));
    }
}
