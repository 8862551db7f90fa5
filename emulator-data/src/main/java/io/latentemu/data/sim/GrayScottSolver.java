package io.latentemu.data.sim;

/**
 * Pseudo-spectral solver of the Gray-Scott reaction-diffusion equations on a periodic square:
 * <pre>
 *   dA/dt = dA lap A - A B^2 + F (1 - A)
 *   dB/dt = dB lap B + A B^2 - (F + k) B
 * </pre>
 * Diffusion is integrated exactly by {@link IntegratingFactorRk4}; the reaction terms are evaluated
 * in physical space, both species through one complex transform ({@code A + i B}).
 *
 * <p>Fields are indexed {@code i * n + j}, {@code i} along x. Not thread-safe; one per trajectory.
 */
public final class GrayScottSolver {

    private final int n;
    private final double feed;
    private final double kill;
    private final Fft2d fft;
    private final double[] re;
    private final double[] im;
    private final double[] zRe;
    private final double[] zIm;
    private final IntegratingFactorRk4 integrator;
    private double time;
    private long steps;

    /**
     * @param length       side of the periodic square
     * @param diffusivityA diffusion coefficient of A
     * @param diffusivityB diffusion coefficient of B
     * @param feed         feed rate F
     * @param kill         kill rate k
     */
    public GrayScottSolver(int n, double length, double diffusivityA, double diffusivityB, double feed, double kill) {
        if (diffusivityA < 0 || diffusivityB < 0 || feed < 0 || kill < 0) {
            throw new IllegalArgumentException("diffusivities and rates must be non-negative");
        }
        this.n = n;
        this.feed = feed;
        this.kill = kill;
        SpectralGrid grid = new SpectralGrid(n, length);
        this.fft = new Fft2d(n);
        int cells = n * n;
        re = new double[2 * cells];
        im = new double[2 * cells];
        zRe = new double[cells];
        zIm = new double[cells];
        double[] linear = new double[2 * cells];
        double[] k2 = grid.k2();
        for (int c = 0; c < cells; c++) {
            linear[c] = -diffusivityA * k2[c];
            linear[cells + c] = -diffusivityB * k2[c];
        }
        integrator = new IntegratingFactorRk4(linear, this::reaction);
    }

    /** Sets both species from physical values. */
    public void setState(double[] a, double[] b) {
        int cells = n * n;
        if (a.length != cells || b.length != cells) {
            throw new IllegalArgumentException("expected " + cells + " values per species");
        }
        for (int c = 0; c < cells; c++) {
            zRe[c] = a[c];
            zIm[c] = b[c];
        }
        fft.forward(zRe, zIm);
        unpack(zRe, zIm, re, im);
    }

    /** Physical values of both species. */
    public void state(double[] a, double[] b) {
        pack(re, im, a, b);
        fft.inverse(a, b);
    }

    /** Writes A, then B, as two {@code n x n} float planes from {@code offset}. */
    public void writeFields(float[] out, int offset) {
        int cells = n * n;
        double[] a = new double[cells];
        double[] b = new double[cells];
        state(a, b);
        for (int c = 0; c < cells; c++) {
            out[offset + c] = (float) a[c];
            out[offset + cells + c] = (float) b[c];
        }
    }

    /**
     * Spectra of A and B packed as the spectrum of the complex field {@code A + i B}:
     * {@code Z = A^ + i B^}, so one inverse transform gives A in the real part and B in the imaginary part.
     */
    private void pack(double[] sRe, double[] sIm, double[] outRe, double[] outIm) {
        int cells = n * n;
        for (int c = 0; c < cells; c++) {
            outRe[c] = sRe[c] - sIm[cells + c];
            outIm[c] = sIm[c] + sRe[cells + c];
        }
    }

    /**
     * The inverse of {@link #pack}: with Z the spectrum of {@code A + i B} for real A and B,
     * {@code A^(k) = (Z(k) + conj Z(-k)) / 2} and {@code B^(k) = (Z(k) - conj Z(-k)) / (2i)}.
     */
    private void unpack(double[] z, double[] zi, double[] outRe, double[] outIm) {
        int cells = n * n;
        for (int a = 0; a < n; a++) {
            int na = (n - a) & (n - 1);
            for (int b = 0; b < n; b++) {
                int c = a * n + b;
                int m = na * n + ((n - b) & (n - 1));
                double pr = z[c];
                double pi = zi[c];
                double qr = z[m];
                double qi = -zi[m];
                outRe[c] = 0.5 * (pr + qr);
                outIm[c] = 0.5 * (pi + qi);
                outRe[cells + c] = 0.5 * (pi - qi);
                outIm[cells + c] = -0.5 * (pr - qr);
            }
        }
    }

    private void reaction(double[] sRe, double[] sIm, double[] outRe, double[] outIm) {
        pack(sRe, sIm, zRe, zIm);
        fft.inverse(zRe, zIm);
        double fk = feed + kill;
        for (int c = 0; c < n * n; c++) {
            double a = zRe[c];
            double b = zIm[c];
            double abb = a * b * b;
            zRe[c] = -abb + feed * (1.0 - a);
            zIm[c] = abb - fk * b;
        }
        fft.forward(zRe, zIm);
        unpack(zRe, zIm, outRe, outIm);
    }

    /** Advances by {@code duration} in equal steps of at most {@code maxStep}. */
    public int advance(double duration, double maxStep) {
        int count = (int) Math.ceil(duration / maxStep - 1e-9);
        double h = duration / count;
        for (int s = 0; s < count; s++) {
            integrator.step(re, im, h);
        }
        for (int c = 0; c < re.length; c++) {
            if (!Double.isFinite(re[c]) || !Double.isFinite(im[c])) {
                throw new IllegalStateException("Gray-Scott solver blew up before t=" + (time + duration));
            }
        }
        time += duration;
        steps += count;
        return count;
    }

    public double time() {
        return time;
    }

    public long steps() {
        return steps;
    }
}
