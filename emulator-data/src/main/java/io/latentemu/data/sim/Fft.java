package io.latentemu.data.sim;

/**
 * In-place iterative radix-2 complex FFT of one length (a power of two), on separate arrays of real
 * and imaginary parts. Forward uses {@code exp(-2 pi i j k / n)}; the inverse uses the opposite sign
 * and is not scaled. Twiddles and the bit-reversal permutation are precomputed; no allocation per
 * call. Immutable, so one instance may be shared by threads.
 */
public final class Fft {

    private final int n;
    private final int[] reversed;
    private final double[] cos;
    private final double[] sin;

    public Fft(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            double angle = 2 * Math.PI * k / n;
            cos[k] = Math.cos(angle);
            sin[k] = Math.sin(angle);
        }
    }

    public int length() {
        return n;
    }

    /** Transforms {@code re[offset .. offset+n)}, {@code im[...]} in place. */
    public void transform(double[] re, double[] im, int offset, boolean inverse) {
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[offset + i];
                re[offset + i] = re[offset + j];
                re[offset + j] = t;
                t = im[offset + i];
                im[offset + i] = im[offset + j];
                im[offset + j] = t;
            }
        }
        double sign = inverse ? 1.0 : -1.0;
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = offset; start < offset + n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /**
     * Transforms every column of a row-major {@code n x width} array at once, in place: the
     * butterflies combine whole rows, so the inner loops run over contiguous memory.
     */
    public void transformColumns(double[] re, double[] im, int width, boolean inverse) {
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (j > i) {
                swapRows(re, i, j, width);
                swapRows(im, i, j, width);
            }
        }
        double sign = inverse ? 1.0 : -1.0;
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = (start + k) * width;
                    int b = a + half * width;
                    for (int c = 0; c < width; c++) {
                        double br = re[b + c];
                        double bi = im[b + c];
                        double xr = br * wr - bi * wi;
                        double xi = br * wi + bi * wr;
                        double ar = re[a + c];
                        double ai = im[a + c];
                        re[b + c] = ar - xr;
                        im[b + c] = ai - xi;
                        re[a + c] = ar + xr;
                        im[a + c] = ai + xi;
                    }
                }
            }
        }
    }

    private static void swapRows(double[] x, int i, int j, int width) {
        int a = i * width;
        int b = j * width;
        for (int c = 0; c < width; c++) {
            double t = x[a + c];
            x[a + c] = x[b + c];
            x[b + c] = t;
        }
    }
}
