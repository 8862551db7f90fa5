package io.latentemu.data.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 2-D FFT (JTransforms behind {@link Fft2d}) against a direct O(n^4) discrete Fourier transform. */
class FftTest {

    @Test
    void twoDimensionalTransformMatchesDirectDftAndRoundTrips() {
        for (int n : new int[] {8, 12}) {
            checkSize(n);
        }
    }

    private static void checkSize(int n) {
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
}
