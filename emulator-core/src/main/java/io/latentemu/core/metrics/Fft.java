package io.latentemu.core.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discrete Fourier transform of complex sequences of any length, in double precision:
 * {@code X[k] = sum_n x[n] exp(-2 pi i k n / N)} (unnormalised, as numpy's {@code fft}).
 *
 * <p>ND4J 1.0.0-M2.1 has no FFT usable on the CPU backend, so this one is plain Java: iterative
 * radix-2 Cooley-Tukey for powers of two and Bluestein's chirp-z algorithm (three power-of-two
 * transforms of length &ge; 2N - 1) for every other length, O(N log N) either way. Plans (twiddle
 * factors, chirps) are cached per length; instances are immutable and thread-safe.
 */
public final class Fft {

    private static final Map<Integer, Fft> PLANS = new ConcurrentHashMap<>();

    private final int n;
    private final double[] cos;      // radix-2: cos(2 pi k / n), k < n/2
    private final double[] sin;
    private final Fft inner;         // Bluestein: power-of-two transform of length m
    private final double[] chirpRe;  // exp(-i pi k^2 / n), k < n
    private final double[] chirpIm;
    private final double[] kernelRe; // transform of the conjugate chirp, length m
    private final double[] kernelIm;

    private Fft(int n) {
        this.n = n;
        if (Integer.bitCount(n) == 1) {
            cos = new double[n / 2];
            sin = new double[n / 2];
            for (int k = 0; k < n / 2; k++) {
                double a = 2 * Math.PI * k / n;
                cos[k] = Math.cos(a);
                sin[k] = Math.sin(a);
            }
            inner = null;
            chirpRe = chirpIm = kernelRe = kernelIm = null;
        } else {
            cos = sin = null;
            int m = Integer.highestOneBit(2 * n - 1) << 1;
            inner = of(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int k = 0; k < n; k++) {
                // k^2 mod 2n keeps the angle small and exact for large k
                long k2 = ((long) k * k) % (2L * n);
                double a = Math.PI * k2 / n;
                chirpRe[k] = Math.cos(a);
                chirpIm[k] = -Math.sin(a);
            }
            kernelRe = new double[m];
            kernelIm = new double[m];
            kernelRe[0] = chirpRe[0];
            kernelIm[0] = -chirpIm[0];
            for (int k = 1; k < n; k++) {
                kernelRe[k] = kernelRe[m - k] = chirpRe[k];
                kernelIm[k] = kernelIm[m - k] = -chirpIm[k];
            }
            inner.forward(kernelRe, kernelIm);
        }
    }

    /** The transform of length {@code n} &ge; 1 (cached). */
    public static Fft of(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be >= 1, got " + n);
        }
        return PLANS.computeIfAbsent(n, Fft::new);
    }

    /** Length of the sequences this plan transforms. */
    public int length() {
        return n;
    }

    /** In-place forward transform of {@code re + i im}, each of length {@link #length()}. */
    public void forward(double[] re, double[] im) {
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("expected arrays of length " + n + ", got " + re.length + " and " + im.length);
        }
        if (n == 1) {
            return;
        }
        if (inner == null) {
            radix2(re, im);
        } else {
            bluestein(re, im);
        }
    }

    /** In-place inverse transform, normalised by 1/N so that it undoes {@link #forward}. */
    public void inverse(double[] re, double[] im) {
        // conj(FFT(conj(x))) / N
        for (int k = 0; k < n; k++) {
            im[k] = -im[k];
        }
        forward(re, im);
        for (int k = 0; k < n; k++) {
            re[k] /= n;
            im[k] = -im[k] / n;
        }
    }

    private void radix2(double[] re, double[] im) {
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int stride = n / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride];
                    double wi = -sin[k * stride];
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

    private void bluestein(double[] re, double[] im) {
        int m = inner.length();
        double[] ar = new double[m];
        double[] ai = new double[m];
        for (int k = 0; k < n; k++) {
            ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
            ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
        }
        inner.forward(ar, ai);
        for (int k = 0; k < m; k++) {
            double r = ar[k] * kernelRe[k] - ai[k] * kernelIm[k];
            double i = ar[k] * kernelIm[k] + ai[k] * kernelRe[k];
            ar[k] = r;
            ai[k] = i;
        }
        inner.inverse(ar, ai);
        for (int k = 0; k < n; k++) {
            re[k] = ar[k] * chirpRe[k] - ai[k] * chirpIm[k];
            im[k] = ar[k] * chirpIm[k] + ai[k] * chirpRe[k];
        }
    }
}
