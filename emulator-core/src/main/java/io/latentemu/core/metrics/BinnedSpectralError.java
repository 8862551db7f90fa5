package io.latentemu.core.metrics;

import java.util.Arrays;

/**
 * The Well's binned spectral error: the MSE split over three bands of wavenumber magnitude, and each
 * band's error relative to the truth's energy in it.
 *
 * <p>Wavenumbers {@code k = 2 pi fftfreq(N_a)} per axis (radians per cell), {@code |k|} over axes; edges
 * {@code logspace(log10(2 pi / max N), log10(pi sqrt(d) + 1e-6), 4)} with the first set to 0; a point
 * belongs to bin j when {@code edge_j <= |k| < edge_{j+1}}. Per bin:
 * {@code mse_j = sum_{k in j} |FFT(x - y)|^2 / Npts^2} (by Parseval the bins sum to the MSE) and
 * {@code nmse_j = mse_j / (sum_{k in j} |FFT(y)|^2 / Npts^2 + 1e-7)}. For 512 x 512 the edges are
 * 0, 0.0875, 0.623, 4.443. (The Well computes the sums as bin means times counts, which differs from
 * the sums by a relative 1e-7 / count.)
 */
public final class BinnedSpectralError {

    /** Number of bins. */
    public static final int BINS = 3;

    private final int[] shape;
    private final double[] edges;
    private final int[] bin;

    /** The bins of a field of the given shape (2-D or 3-D, e.g. {@code {H, W}}). */
    public BinnedSpectralError(int... shape) {
        this.shape = shape.clone();
        this.edges = edges(shape);
        double[] k = Wavenumbers.isotropic(2 * Math.PI, shape);
        this.bin = new int[k.length];
        for (int i = 0; i < k.length; i++) {
            int j = 0;
            while (j < BINS && k[i] >= edges[j + 1]) {
                j++;
            }
            bin[i] = j; // BINS for points beyond the last edge (none: it exceeds the largest |k|)
        }
    }

    /** The four bin edges for a field shape. */
    public static double[] edges(int... shape) {
        int maxN = Arrays.stream(shape).max().orElseThrow();
        double lo = Math.log10(2 * Math.PI / maxN);
        double hi = Math.log10(Math.PI * Math.sqrt(shape.length) + 1e-6);
        double[] e = new double[BINS + 1];
        for (int i = 0; i <= BINS; i++) {
            e[i] = Math.pow(10, lo + (hi - lo) * i / BINS);
        }
        e[0] = 0;
        return e;
    }

    /** The bin edges of this shape. */
    public double[] edges() {
        return edges.clone();
    }

    /**
     * Per-bin MSE and normalised MSE of prediction {@code x} against truth {@code y}.
     *
     * @return {@code [0]} the three MSEs, {@code [1]} the three NMSEs
     */
    public double[][] evaluate(double[] x, double[] y) {
        PointwiseMetrics.check(x, y);
        double[] diff = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            diff[i] = x[i] - y[i];
        }
        return fromPowers(FftNd.power(diff, shape), FftNd.power(y, shape));
    }

    /**
     * The same from the DFT powers {@code |FFT(x - y)|^2} and {@code |FFT(y)|^2} (unnormalised), when
     * they are at hand.
     */
    public double[][] fromPowers(double[] errorPower, double[] truthPower) {
        if (errorPower.length != bin.length || truthPower.length != bin.length) {
            throw new IllegalArgumentException("spectra must have " + bin.length + " values");
        }
        double n2 = (double) bin.length * bin.length;
        double[] mse = new double[BINS];
        double[] energy = new double[BINS];
        for (int i = 0; i < bin.length; i++) {
            if (bin[i] < BINS) {
                mse[bin[i]] += errorPower[i] / n2;
                energy[bin[i]] += truthPower[i] / n2;
            }
        }
        double[] nmse = new double[BINS];
        for (int j = 0; j < BINS; j++) {
            nmse[j] = mse[j] / (energy[j] + PointwiseMetrics.EPS);
        }
        return new double[][] {mse, nmse};
    }
}
