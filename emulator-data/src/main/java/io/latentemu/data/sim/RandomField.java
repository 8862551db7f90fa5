package io.latentemu.data.sim;

import java.util.SplittableRandom;

/**
 * Smooth random periodic fields for initial conditions: white Gaussian noise filtered in Fourier
 * space by a Gaussian of width {@code cutoff} (in mode numbers, i.e. periods across the domain),
 * with the mean removed and scaled to a given root-mean-square value.
 */
public final class RandomField {

    private RandomField() {
    }

    /**
     * A field of {@code n x n} values (indexed {@code i * n + j}) with zero mean and the given rms.
     *
     * @param cutoff e-folding mode number of the spectrum's amplitude: larger is rougher
     */
    public static double[] gaussian(int n, double cutoff, double rms, SplittableRandom random) {
        if (!(cutoff > 0) || !(rms >= 0)) {
            throw new IllegalArgumentException("cutoff must be positive and rms non-negative, got "
                    + cutoff + ", " + rms);
        }
        Fft2d fft = new Fft2d(n);
        SpectralGrid grid = new SpectralGrid(n, 2 * Math.PI); // mode numbers are the wavenumbers
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int c = 0; c < re.length; c++) {
            re[c] = random.nextGaussian();
        }
        fft.forward(re, im);
        double[] k2 = grid.k2();
        for (int c = 0; c < re.length; c++) {
            double filter = c == 0 ? 0.0 : Math.exp(-0.5 * k2[c] / (cutoff * cutoff));
            re[c] *= filter;
            im[c] *= filter;
        }
        fft.inverse(re, im);
        double sum = 0;
        for (double v : re) {
            sum += v * v;
        }
        double current = Math.sqrt(sum / re.length);
        double scale = current > 0 ? rms / current : 0.0;
        for (int c = 0; c < re.length; c++) {
            re[c] *= scale;
        }
        return re;
    }
}
