package io.latentemu.data.sim;

/**
 * Wavenumbers of a periodic square of side {@code length} sampled on {@code n x n} points, in the
 * order of {@link Fft2d}'s output ({@code k * n + l}, k along x): angular wavenumbers, their
 * squared norm, first-derivative factors (zero on the Nyquist line, where an odd derivative of a
 * real field is undefined) and the 2/3-rule dealiasing mask.
 */
public final class SpectralGrid {

    private final int n;
    private final double length;
    private final double[] kx;
    private final double[] ky;
    private final double[] k2;
    private final double[] dealias;

    public SpectralGrid(int n, double length) {
        if (n < 2 || n % 2 != 0) {
            // an even size has a Nyquist line, which the derivative factors rely on
            throw new IllegalArgumentException("grid size must be even and >= 2, got " + n);
        }
        if (!(length > 0)) {
            throw new IllegalArgumentException("domain length must be positive, got " + length);
        }
        this.n = n;
        this.length = length;
        kx = new double[n * n];
        ky = new double[n * n];
        k2 = new double[n * n];
        dealias = new double[n * n];
        int keep = (n - 1) / 3; // largest |mode| whose quadratic products cannot alias back onto kept modes
        double base = 2 * Math.PI / length;
        for (int a = 0; a < n; a++) {
            int ma = mode(a);
            for (int b = 0; b < n; b++) {
                int mb = mode(b);
                int c = a * n + b;
                k2[c] = base * base * ((double) ma * ma + (double) mb * mb);
                kx[c] = a == n / 2 ? 0.0 : base * ma;
                ky[c] = b == n / 2 ? 0.0 : base * mb;
                dealias[c] = Math.abs(ma) <= keep && Math.abs(mb) <= keep ? 1.0 : 0.0;
            }
        }
    }

    /** Signed mode number of FFT index {@code a}: 0, 1, .., n/2 - 1, -n/2, .., -1. */
    public int mode(int a) {
        return a < n / 2 ? a : a - n;
    }

    public int size() {
        return n;
    }

    public double length() {
        return length;
    }

    /** Grid spacing. */
    public double spacing() {
        return length / n;
    }

    /** Angular wavenumber along x for first derivatives (0 on the Nyquist line); shared, do not modify. */
    double[] kx() {
        return kx;
    }

    /** Angular wavenumber along y for first derivatives (0 on the Nyquist line); shared, do not modify. */
    double[] ky() {
        return ky;
    }

    /** Squared wavenumber norm (the negated Laplacian's symbol); shared, do not modify. */
    double[] k2() {
        return k2;
    }

    /** 1 on the modes the 2/3 rule keeps, 0 elsewhere; shared, do not modify. */
    double[] dealias() {
        return dealias;
    }
}
