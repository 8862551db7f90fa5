package io.latentemu.core.metrics;

import java.util.Arrays;

/**
 * The study's power-spectrum error: how far the isotropic power spectrum of the generated fields is
 * from the truth's, per band of wavenumbers (low, mid, high).
 *
 * <p>Spectrum: orthonormal FFT power {@code |FFT(x)|^2 / Npts}, averaged over the points whose
 * {@code |k|} (cycles per cell, {@code fftfreq} per axis) falls in each of
 * {@code floor(sqrt(d) min(N) / 2)} bins of equal width from 0 to the largest |k| (a point goes to the
 * bin with {@code lower < |k| <= upper}; |k| = 0 is left out). A bin is located by its upper edge.
 * Error per bin: {@code (1 - (P_v + 1e-6) / (P_u + 1e-6))^2}, with {@code P_v} the mean of the ensemble
 * members' spectra (as the study's evaluation averages them) and {@code P_u} the truth's. Bands:
 * edges {@code 2^linspace(log2 k_1, -1, 4)} from the first bin to 0.5 cycles per cell; band j holds the
 * bins with {@code edge_j <= k <= edge_{j+1}}; its value is the root of the mean error over its bins.
 */
public final class PowerSpectrumError {

    /** Number of bands. */
    public static final int BANDS = 3;
    private static final double GUARD = 1e-6;

    private final int[] shape;
    private final int[] bin;       // spectrum bin of each grid point, -1 for |k| = 0
    private final int[] counts;
    private final double[] binK;   // upper edge of each bin
    private final double[] bandEdges;

    /** The binning of a field of the given shape, e.g. {@code {H, W}}. */
    public PowerSpectrumError(int... shape) {
        this.shape = shape.clone();
        double[] k = Wavenumbers.isotropic(1.0, shape);
        int bins = (int) Math.floor(Math.sqrt(shape.length) * Arrays.stream(shape).min().orElseThrow() / 2.0);
        if (bins < 1) {
            throw new IllegalArgumentException("field " + Arrays.toString(shape) + " too small for a spectrum");
        }
        double kMax = Arrays.stream(k).max().orElseThrow();
        binK = new double[bins];
        for (int j = 0; j < bins; j++) {
            binK[j] = kMax * (j + 1) / bins;
        }
        bin = new int[k.length];
        counts = new int[bins];
        for (int i = 0; i < k.length; i++) {
            // edges[m] = kMax m / bins; the bucket is the smallest m with k <= edges[m]; bucket 0 (k = 0) is dropped
            int m = (int) Math.ceil(k[i] / kMax * bins - 1e-9);
            m = Math.min(Math.max(m, 0), bins);
            bin[i] = m - 1;
            if (m > 0) {
                counts[m - 1]++;
            }
        }
        bandEdges = new double[BANDS + 1];
        double lo = Math.log(binK[0]) / Math.log(2);
        for (int i = 0; i <= BANDS; i++) {
            bandEdges[i] = Math.pow(2, lo + (-1 - lo) * i / BANDS);
        }
    }

    /** Upper edge of each spectrum bin, cycles per cell. */
    public double[] binWavenumbers() {
        return binK.clone();
    }

    /** The band edges (four values from the first bin to 0.5). */
    public double[] bandEdges() {
        return bandEdges.clone();
    }

    /** The isotropic power spectrum of a field, one value per bin. */
    public double[] spectrum(double[] field) {
        return spectrumFromPower(FftNd.power(field, shape));
    }

    /** The isotropic power spectrum from the unnormalised DFT power {@code |FFT(x)|^2}. */
    public double[] spectrumFromPower(double[] power) {
        if (power.length != bin.length) {
            throw new IllegalArgumentException("spectrum must have " + bin.length + " values");
        }
        double[] s = new double[binK.length];
        for (int i = 0; i < power.length; i++) {
            if (bin[i] >= 0) {
                s[bin[i]] += power[i] / power.length;
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] /= Math.max(counts[j], 1);
        }
        return s;
    }

    /**
     * Error per band of the members' spectra against the truth's.
     *
     * @param truth   the true field
     * @param members the ensemble members (one or more)
     * @return the low, mid and high band errors
     */
    public double[] evaluate(double[] truth, double[][] members) {
        double[] pv = new double[binK.length];
        for (double[] member : members) {
            double[] s = spectrum(member);
            for (int j = 0; j < pv.length; j++) {
                pv[j] += s[j] / members.length;
            }
        }
        return fromSpectra(spectrum(truth), pv);
    }

    /**
     * Error per band from the truth's spectrum and the mean of the members' spectra (from
     * {@link #spectrum}).
     */
    public double[] fromSpectra(double[] pu, double[] pv) {
        double[] out = new double[BANDS];
        for (int band = 0; band < BANDS; band++) {
            double sum = 0;
            int n = 0;
            for (int j = 0; j < binK.length; j++) {
                if (binK[j] >= bandEdges[band] * (1 - 1e-12) && binK[j] <= bandEdges[band + 1] * (1 + 1e-12)) {
                    double e = 1 - (pv[j] + GUARD) / (pu[j] + GUARD);
                    sum += e * e;
                    n++;
                }
            }
            out[band] = n == 0 ? Double.NaN : Math.sqrt(sum / n);
        }
        return out;
    }
}
