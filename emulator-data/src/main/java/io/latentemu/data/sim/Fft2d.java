package io.latentemu.data.sim;

/**
 * 2-D complex FFT of an {@code n x n} array stored row-major ({@code i * n + j}), in place. The
 * inverse is scaled by {@code 1 / n^2}, so {@code inverse(forward(x)) = x}. Holds no mutable state,
 * so it may be shared.
 */
public final class Fft2d {

    private final int n;
    private final Fft fft;

    public Fft2d(int n) {
        this.n = n;
        this.fft = new Fft(n);
    }

    public int size() {
        return n;
    }

    /** Forward transform, {@code X[k,l] = sum x[i,j] exp(-2 pi i (k i + l j) / n)}. */
    public void forward(double[] re, double[] im) {
        transform(re, im, false);
    }

    /** Inverse transform including the {@code 1 / n^2} factor. */
    public void inverse(double[] re, double[] im) {
        transform(re, im, true);
        double scale = 1.0 / ((double) n * n);
        for (int c = 0; c < n * n; c++) {
            re[c] *= scale;
            im[c] *= scale;
        }
    }

    /** Columns (along x) for all j at once, transpose, columns again (along y), transpose back. */
    private void transform(double[] re, double[] im, boolean inverse) {
        fft.transformColumns(re, im, n, inverse);
        transpose(re);
        transpose(im);
        fft.transformColumns(re, im, n, inverse);
        transpose(re);
        transpose(im);
    }

    private void transpose(double[] x) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                int a = i * n + j;
                int b = j * n + i;
                double t = x[a];
                x[a] = x[b];
                x[b] = t;
            }
        }
    }
}
