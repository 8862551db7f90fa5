package io.latentemu.core.metrics;

/** Wavenumbers of the DFT grid, as numpy's {@code fftfreq} and their isotropic magnitude. */
public final class Wavenumbers {

    private Wavenumbers() {
    }

    /** numpy's {@code fftfreq(n)}: frequencies in cycles per cell, {@code [0, 1, ..., -1] / n}. */
    public static double[] fftfreq(int n) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i < (n + 1) / 2 ? i : i - n) / (double) n;
        }
        return f;
    }

    /**
     * {@code |k|} at every point of the DFT grid of {@code shape} (row-major), with per-axis
     * wavenumbers {@code scale * fftfreq(N_a)}: scale 1 gives cycles per cell, {@code 2 pi} radians per cell.
     */
    public static double[] isotropic(double scale, int... shape) {
        int total = FftNd.size(shape);
        double[] k2 = new double[total];
        int stride = 1;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            int n = shape[axis];
            double[] f = fftfreq(n);
            for (int idx = 0; idx < total; idx++) {
                double k = scale * f[(idx / stride) % n];
                k2[idx] += k * k;
            }
            stride *= n;
        }
        for (int i = 0; i < total; i++) {
            k2[i] = Math.sqrt(k2[i]);
        }
        return k2;
    }
}
