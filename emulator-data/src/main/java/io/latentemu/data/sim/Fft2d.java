package io.latentemu.data.sim;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * 2-D complex FFT of an {@code n x n} array stored row-major ({@code i * n + j}) as separate real and
 * imaginary parts, in place, computed by JTransforms. Forward uses {@code exp(-2 pi i (k i + l j) / n)};
 * the inverse is scaled by {@code 1 / n^2}, so {@code inverse(forward(x)) = x}.
 *
 * <p>Holds a scratch buffer: one instance per thread (each solver owns its own).
 */
public final class Fft2d {

    private final int n;
    private final DoubleFFT_2D fft;
    private final double[] interleaved;

    public Fft2d(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT size must be positive, got " + n);
        }
        this.n = n;
        this.fft = new DoubleFFT_2D(n, n);
        this.interleaved = new double[2 * n * n];
    }

    public int size() {
        return n;
    }

    /** Forward transform, {@code X[k,l] = sum x[i,j] exp(-2 pi i (k i + l j) / n)}. */
    public void forward(double[] re, double[] im) {
        pack(re, im);
        fft.complexForward(interleaved);
        unpack(re, im);
    }

    /** Inverse transform including the {@code 1 / n^2} factor. */
    public void inverse(double[] re, double[] im) {
        pack(re, im);
        fft.complexInverse(interleaved, true);
        unpack(re, im);
    }

    private void pack(double[] re, double[] im) {
        for (int c = 0, m = n * n; c < m; c++) {
            interleaved[2 * c] = re[c];
            interleaved[2 * c + 1] = im[c];
        }
    }

    private void unpack(double[] re, double[] im) {
        for (int c = 0, m = n * n; c < m; c++) {
            re[c] = interleaved[2 * c];
            im[c] = interleaved[2 * c + 1];
        }
    }
}
