package io.latentemu.data.sim;

import io.latentemu.data.well.BoundaryType;

import java.util.Arrays;

/**
 * Second-order finite-volume solver of the 2-D compressible Euler equations of an ideal gas on a
 * uniform grid: dimensionally split MUSCL-Hancock sweeps with HLLC fluxes, the order of the x- and
 * y-sweeps alternating from step to step (second order in time), time steps limited by the CFL
 * condition.
 *
 * <p>The state is the conserved variables (density, x- and y-momentum, total energy per volume) in
 * flat arrays indexed {@code i * ny + j}, {@code i} along x. Cells are squares or rectangles of
 * {@code dx} by {@code dy}. Positivity: a step after which some cell has non-positive (or
 * non-finite) density or pressure is undone and retried with half the time step.
 *
 * <p>Not thread-safe; one instance per trajectory. Allocates nothing while stepping.
 */
public final class EulerSolver {

    /** Halvings of a rejected step before the solver gives up. */
    private static final int MAX_RETRIES = 30;

    private final int nx;
    private final int ny;
    private final double dx;
    private final double dy;
    private final double gamma;
    private final double cfl;
    private final boolean periodic;
    private final int limiter;
    private final double[] density;
    private final double[] momentumX;
    private final double[] momentumY;
    private final double[] energy;
    private final double[][] backup;
    private final MusclHancockSweep sweep;
    private double time;
    private long steps;
    private long rejectedSteps;
    /** {@link #signalRateIfPhysical()} of the current state, or NaN when unknown. */
    private double signalRate = Double.NaN;

    /**
     * @param cfl Courant number of each directional sweep, in (0, 1)
     */
    public EulerSolver(int nx, int ny, double dx, double dy, double gamma, double cfl,
                       BoundaryType boundary, SlopeLimiter limiter) {
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("grid must be at least 2x2, got " + nx + "x" + ny);
        }
        if (!(dx > 0) || !(dy > 0)) {
            throw new IllegalArgumentException("cell sizes must be positive, got dx=" + dx + " dy=" + dy);
        }
        if (!(gamma > 1.0)) {
            throw new IllegalArgumentException("gamma must exceed 1, got " + gamma);
        }
        if (!(cfl > 0 && cfl < 1)) {
            throw new IllegalArgumentException("CFL number must be in (0, 1), got " + cfl);
        }
        this.nx = nx;
        this.ny = ny;
        this.dx = dx;
        this.dy = dy;
        this.gamma = gamma;
        this.cfl = cfl;
        if (boundary == BoundaryType.WALL) {
            throw new IllegalArgumentException("the Euler solver supports PERIODIC and OPEN boundaries, not WALL");
        }
        this.periodic = boundary == BoundaryType.PERIODIC;
        this.limiter = limiter.ordinal();
        int cells = nx * ny;
        density = new double[cells];
        momentumX = new double[cells];
        momentumY = new double[cells];
        energy = new double[cells];
        backup = new double[4][cells];
        sweep = new MusclHancockSweep(Math.max(nx, ny));
    }

    /** Sets cell {@code (i, j)} from primitive variables. */
    public void setPrimitive(int i, int j, double rho, double u, double v, double p) {
        if (!(rho > 0) || !(p > 0)) {
            throw new IllegalArgumentException("density and pressure must be positive, got rho=" + rho
                    + " p=" + p + " at cell (" + i + ", " + j + ")");
        }
        int c = i * ny + j;
        signalRate = Double.NaN;
        density[c] = rho;
        momentumX[c] = rho * u;
        momentumY[c] = rho * v;
        energy[c] = p / (gamma - 1.0) + 0.5 * rho * (u * u + v * v);
    }

    /** Advances to time {@code tEnd} with as many CFL-limited steps as needed; returns the step count. */
    public int advanceTo(double tEnd) {
        int taken = 0;
        while (time < tEnd) {
            if (Double.isNaN(signalRate)) {
                signalRate = signalRateIfPhysical();
                if (Double.isNaN(signalRate)) {
                    throw new IllegalStateException("Euler solver: the state at t=" + time
                            + " has non-positive density or pressure");
                }
            }
            double dtMax = cfl / signalRate;
            double remaining = tEnd - time;
            double dt;
            if (remaining <= dtMax) {
                dt = remaining;
            } else if (remaining < 2 * dtMax) {
                dt = 0.5 * remaining; // avoid a sliver of a last step
            } else {
                dt = dtMax;
            }
            double done = step(dt);
            time = done >= remaining ? tEnd : time + done;
            taken++;
        }
        return taken;
    }

    /**
     * One step of at most {@code dt} (both sweeps), halving it while the result is not physical.
     * Returns the time step actually taken.
     */
    double step(double dt) {
        saveBackup();
        double tried = dt;
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            boolean xFirst = (steps & 1L) == 0;
            if (xFirst) {
                sweepX(tried / dx);
                sweepY(tried / dy);
            } else {
                sweepY(tried / dy);
                sweepX(tried / dx);
            }
            double rate = signalRateIfPhysical();
            if (!Double.isNaN(rate)) {
                signalRate = rate;
                steps++;
                return tried;
            }
            restoreBackup();
            rejectedSteps++;
            tried *= 0.5;
        }
        throw new IllegalStateException("Euler solver: no physical state after " + MAX_RETRIES
                + " halvings of the time step " + dt + " at t=" + time);
    }

    private void sweepX(double dtdx) {
        for (int j = 0; j < ny; j++) {
            sweep.sweep(density, momentumX, momentumY, energy, j, ny, nx, dtdx, gamma, periodic, limiter);
        }
    }

    private void sweepY(double dtdy) {
        for (int i = 0; i < nx; i++) {
            sweep.sweep(density, momentumY, momentumX, energy, i * ny, 1, ny, dtdy, gamma, periodic, limiter);
        }
    }

    /**
     * The largest {@code (|u| + c) / dx} or {@code (|v| + c) / dy} over the grid, in the same pass as the
     * positivity check: NaN if some cell has non-positive or non-finite density or pressure.
     */
    double signalRateIfPhysical() {
        double gm1 = gamma - 1.0;
        double invDx = 1.0 / dx;
        double invDy = 1.0 / dy;
        double max = 0.0;
        for (int c = 0; c < density.length; c++) {
            double r = density[c];
            double inv = 1.0 / r;
            double u = momentumX[c] * inv;
            double v = momentumY[c] * inv;
            double p = gm1 * (energy[c] - 0.5 * r * (u * u + v * v));
            // also false for NaN
            if (!(r > 0.0) || !(p > 0.0) || !(p < Double.POSITIVE_INFINITY)) {
                return Double.NaN;
            }
            double a = Math.sqrt(gamma * p * inv);
            double rate = Math.max((Math.abs(u) + a) * invDx, (Math.abs(v) + a) * invDy);
            if (rate > max) {
                max = rate;
            }
        }
        return max;
    }

    private void saveBackup() {
        System.arraycopy(density, 0, backup[0], 0, density.length);
        System.arraycopy(momentumX, 0, backup[1], 0, density.length);
        System.arraycopy(momentumY, 0, backup[2], 0, density.length);
        System.arraycopy(energy, 0, backup[3], 0, density.length);
    }

    private void restoreBackup() {
        System.arraycopy(backup[0], 0, density, 0, density.length);
        System.arraycopy(backup[1], 0, momentumX, 0, density.length);
        System.arraycopy(backup[2], 0, momentumY, 0, density.length);
        System.arraycopy(backup[3], 0, energy, 0, density.length);
    }

    /** Pressure of every cell into {@code out} (length nx * ny). */
    public void pressure(double[] out) {
        double gm1 = gamma - 1.0;
        for (int c = 0; c < density.length; c++) {
            double kinetic = 0.5 * (momentumX[c] * momentumX[c] + momentumY[c] * momentumY[c]) / density[c];
            out[c] = gm1 * (energy[c] - kinetic);
        }
    }

    /** Density, indexed {@code i * ny + j}; a copy. */
    public double[] density() {
        return Arrays.copyOf(density, density.length);
    }

    /** x-momentum, indexed {@code i * ny + j}; a copy. */
    public double[] momentumX() {
        return Arrays.copyOf(momentumX, momentumX.length);
    }

    /** y-momentum, indexed {@code i * ny + j}; a copy. */
    public double[] momentumY() {
        return Arrays.copyOf(momentumY, momentumY.length);
    }

    /** Total energy per volume, indexed {@code i * ny + j}; a copy. */
    public double[] energy() {
        return Arrays.copyOf(energy, energy.length);
    }

    /**
     * Writes energy, density, pressure, x- and y-momentum of every cell (The Well's order) as five
     * consecutive {@code nx * ny} planes into {@code out} starting at {@code offset}.
     */
    public void writeFields(float[] out, int offset) {
        int cells = density.length;
        double gm1 = gamma - 1.0;
        for (int c = 0; c < cells; c++) {
            double r = density[c];
            double mx = momentumX[c];
            double my = momentumY[c];
            double e = energy[c];
            out[offset + c] = (float) e;
            out[offset + cells + c] = (float) r;
            out[offset + 2 * cells + c] = (float) (gm1 * (e - 0.5 * (mx * mx + my * my) / r));
            out[offset + 3 * cells + c] = (float) mx;
            out[offset + 4 * cells + c] = (float) my;
        }
    }

    public double time() {
        return time;
    }

    /** Accepted steps so far. */
    public long steps() {
        return steps;
    }

    /** Steps undone because they produced a non-physical state. */
    public long rejectedSteps() {
        return rejectedSteps;
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public double gamma() {
        return gamma;
    }
}
