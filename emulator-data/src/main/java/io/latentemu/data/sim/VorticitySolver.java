package io.latentemu.data.sim;

import java.util.Arrays;

/**
 * Pseudo-spectral solver of the incompressible 2-D Navier-Stokes equations in vorticity form on the
 * periodic square {@code [0, 2 pi)^2}:
 * <pre>
 *   d omega/dt + u . grad omega = nu lap omega - alpha omega + f,   u = (d psi/dy, -d psi/dx),   lap psi = -omega
 * </pre>
 * with Kolmogorov forcing {@code f = -A k_f cos(k_f y)} (the curl of the body force {@code (A sin(k_f y), 0)})
 * and linear drag {@code alpha}. The advection term is computed in physical space and dealiased by the
 * 2/3 rule; time stepping is {@link IntegratingFactorRk4} (viscosity and drag exact) with CFL-limited steps.
 * The velocity is derived spectrally from the stream function, so it is divergence-free to round-off.
 *
 * <p>Fields are indexed {@code i * n + j}, {@code i} along x. Not thread-safe; one per trajectory.
 */
public final class VorticitySolver {

    private final int n;
    private final SpectralGrid grid;
    private final Fft2d fft;
    private final double[] omegaRe;
    private final double[] omegaIm;
    private final double[] forcingRe;
    private final double[] forcingIm;
    private final IntegratingFactorRk4 integrator;
    private final double[] aRe;
    private final double[] aIm;
    private final double[] bRe;
    private final double[] bIm;
    private double time;
    private long steps;
    /** max(|u| + |v|) seen by the latest right-hand side evaluation, the CFL estimate of the next step. */
    private double stageMaxRate = Double.NaN;

    /**
     * @param viscosity         kinematic viscosity nu (1/Re for unit forcing amplitude and length)
     * @param drag              linear drag coefficient alpha
     * @param forcingAmplitude  amplitude A of the body force
     * @param forcingWavenumber k_f, a whole number of periods across the domain
     */
    public VorticitySolver(int n, double viscosity, double drag, double forcingAmplitude, int forcingWavenumber) {
        if (viscosity < 0 || drag < 0) {
            throw new IllegalArgumentException("viscosity and drag must be non-negative, got " + viscosity + ", " + drag);
        }
        if (forcingWavenumber < 0 || forcingWavenumber > n / 3) {
            throw new IllegalArgumentException("forcing wavenumber must be in [0, n/3], got " + forcingWavenumber);
        }
        this.n = n;
        this.grid = new SpectralGrid(n, 2 * Math.PI);
        this.fft = new Fft2d(n);
        int cells = n * n;
        omegaRe = new double[cells];
        omegaIm = new double[cells];
        forcingRe = new double[cells];
        forcingIm = new double[cells];
        aRe = new double[cells];
        aIm = new double[cells];
        bRe = new double[cells];
        bIm = new double[cells];
        double h = grid.spacing();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                forcingRe[i * n + j] = -forcingAmplitude * forcingWavenumber * Math.cos(forcingWavenumber * j * h);
            }
        }
        fft.forward(forcingRe, forcingIm);
        double[] linear = new double[cells];
        double[] k2 = grid.k2();
        for (int c = 0; c < cells; c++) {
            linear[c] = -viscosity * k2[c] - drag;
        }
        integrator = new IntegratingFactorRk4(linear, this::rightHandSide);
    }

    /** Sets the vorticity from physical values (indexed {@code i * n + j}); modes the 2/3 rule drops are removed. */
    public void setVorticity(double[] omega) {
        stageMaxRate = Double.NaN;
        if (omega.length != n * n) {
            throw new IllegalArgumentException("expected " + n * n + " values, got " + omega.length);
        }
        System.arraycopy(omega, 0, omegaRe, 0, omega.length);
        Arrays.fill(omegaIm, 0.0);
        fft.forward(omegaRe, omegaIm);
        double[] mask = grid.dealias();
        for (int c = 0; c < omega.length; c++) {
            omegaRe[c] *= mask[c];
            omegaIm[c] *= mask[c];
        }
    }

    /** {@code N(omega) = f - P(u . grad omega)}, P the 2/3-rule projection. */
    private void rightHandSide(double[] wRe, double[] wIm, double[] outRe, double[] outIm) {
        advection(wRe, wIm, outRe, outIm);
        for (int c = 0; c < outRe.length; c++) {
            outRe[c] = forcingRe[c] - outRe[c];
            outIm[c] = forcingIm[c] - outIm[c];
        }
    }

    /** Spectral {@code P(u . grad omega)}: products in physical space, then the 2/3-rule projection. */
    private void advection(double[] wRe, double[] wIm, double[] outRe, double[] outIm) {
        velocityAndGradient(wRe, wIm, aRe, aIm, bRe, bIm);
        int cells = n * n;
        double maxRate = 0;
        for (int c = 0; c < cells; c++) {
            outRe[c] = aRe[c] * bRe[c] + aIm[c] * bIm[c];
            outIm[c] = 0.0;
            maxRate = Math.max(maxRate, Math.abs(aRe[c]) + Math.abs(aIm[c]));
        }
        stageMaxRate = maxRate;
        fft.forward(outRe, outIm);
        double[] mask = grid.dealias();
        for (int c = 0; c < cells; c++) {
            outRe[c] *= mask[c];
            outIm[c] *= mask[c];
        }
    }

    /**
     * From spectral vorticity, the physical velocity packed as {@code u + i v} into {@code (uvRe, uvIm)}
     * and the vorticity gradient packed as {@code omega_x + i omega_y} into {@code (gRe, gIm)}: two
     * real fields per complex inverse transform.
     */
    private void velocityAndGradient(double[] wRe, double[] wIm, double[] uvRe, double[] uvIm,
                                     double[] gRe, double[] gIm) {
        double[] kx = grid.kx();
        double[] ky = grid.ky();
        double[] k2 = grid.k2();
        int cells = n * n;
        for (int c = 0; c < cells; c++) {
            double wr = wRe[c];
            double wi = wIm[c];
            double inv = k2[c] > 0 ? 1.0 / k2[c] : 0.0;
            double pr = wr * inv;
            double pi = wi * inv;
            // u^ = i ky psi^, v^ = -i kx psi^; pack u^ + i v^
            double ur = -ky[c] * pi;
            double ui = ky[c] * pr;
            double vr = kx[c] * pi;
            double vi = -kx[c] * pr;
            uvRe[c] = ur - vi;
            uvIm[c] = ui + vr;
            // omega_x^ = i kx omega^, omega_y^ = i ky omega^; pack omega_x^ + i omega_y^
            double xr = -kx[c] * wi;
            double xi = kx[c] * wr;
            double yr = -ky[c] * wi;
            double yi = ky[c] * wr;
            gRe[c] = xr - yi;
            gIm[c] = xi + yr;
        }
        fft.inverse(uvRe, uvIm);
        fft.inverse(gRe, gIm);
    }

    /** Advances by {@code duration} in steps of at most {@code maxStep} and at most CFL number {@code cfl}. */
    public int advance(double duration, double cfl, double maxStep) {
        double end = time + duration;
        int taken = 0;
        if (Double.isNaN(stageMaxRate)) {
            advection(omegaRe, omegaIm, new double[n * n], new double[n * n]);
        }
        while (time < end) {
            // the last stage of the previous step was evaluated at (a prediction of) the current state
            double maxRate = stageMaxRate;
            double dt = Math.min(maxStep, maxRate > 0 ? cfl * grid.spacing() / maxRate : maxStep);
            double remaining = end - time;
            if (remaining <= dt) {
                dt = remaining;
            } else if (remaining < 2 * dt) {
                dt = 0.5 * remaining;
            }
            integrator.step(omegaRe, omegaIm, dt);
            time = dt == remaining ? end : time + dt;
            taken++;
            steps++;
        }
        for (int c = 0; c < omegaRe.length; c++) {
            if (!Double.isFinite(omegaRe[c]) || !Double.isFinite(omegaIm[c])) {
                throw new IllegalStateException("Navier-Stokes solver blew up before t=" + time);
            }
        }
        return taken;
    }

    /** Physical vorticity into {@code out}. */
    public void vorticity(double[] out) {
        System.arraycopy(omegaRe, 0, out, 0, out.length);
        System.arraycopy(omegaIm, 0, bIm, 0, bIm.length);
        fft.inverse(out, bIm);
    }

    /** Physical velocity components into {@code u} (along x) and {@code v} (along y). */
    public void velocity(double[] u, double[] v) {
        velocityAndGradient(omegaRe, omegaIm, u, v, bRe, bIm);
    }

    /** Writes vorticity, then velocity along x and y, as three {@code n x n} float planes from {@code offset}. */
    public void writeFields(float[] out, int offset) {
        int cells = n * n;
        double[] w = new double[cells];
        double[] u = new double[cells];
        double[] v = new double[cells];
        vorticity(w);
        velocity(u, v);
        for (int c = 0; c < cells; c++) {
            out[offset + c] = (float) w[c];
            out[offset + cells + c] = (float) u[c];
            out[offset + 2 * cells + c] = (float) v[c];
        }
    }

    /** Spectral vorticity (real and imaginary parts, {@link Fft2d} order); copies. */
    public double[][] spectralVorticity() {
        return new double[][] {omegaRe.clone(), omegaIm.clone()};
    }

    /** The advection term {@code u . grad omega} of the current state in physical space, dealiased. */
    public double[] advectionTerm() {
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        advection(omegaRe, omegaIm, re, im);
        fft.inverse(re, im);
        return re;
    }

    public SpectralGrid grid() {
        return grid;
    }

    public double time() {
        return time;
    }

    public long steps() {
        return steps;
    }
}
