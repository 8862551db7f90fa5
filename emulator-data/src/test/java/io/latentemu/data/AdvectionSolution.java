package io.latentemu.data;

import io.latentemu.data.well.WellMetadata;

/**
 * The exact solution of periodic advection-diffusion {@code du/dt + c . grad u = nu lap u} on [0, 1)^2 that
 * the advection fixtures sample: each Fourier mode evolves as
 * {@code a_k exp(2 pi i k.(x - c t)) exp(-nu 4 pi^2 |k|^2 t)}. Used to check states against the closed form.
 */
public final class AdvectionSolution {

    /** Viscosities recovered from the fixtures (see AdvectionFixtureTest). */
    public static final double NU_DENSITY = 0.001;
    public static final double NU_PRESSURE = 0.002;
    /** Band limits of the fixtures' initial states. */
    public static final int BAND_DENSITY = 4;
    public static final int BAND_PRESSURE = 3;
    /** Modes probed by the DFT: |kx|, |ky| <= KMAX. */
    public static final int KMAX = 6;

    private AdvectionSolution() {
    }

    /** DFT coefficients a_k = mean over the grid of u exp(-2 pi i k.x), for |kx|, |ky| <= kmax; [re, im]. */
    public static double[][] modes(float[] states, int offset, float[] x, float[] y, int kmax) {
        int h = x.length;
        int w = y.length;
        int n = 2 * kmax + 1;
        double[][] out = new double[n * n][2];
        for (int mx = -kmax; mx <= kmax; mx++) {
            for (int my = -kmax; my <= kmax; my++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double phase = -2 * Math.PI * (mx * (double) x[i] + my * (double) y[j]);
                        double u = states[offset + i * w + j];
                        re += u * Math.cos(phase);
                        im += u * Math.sin(phase);
                    }
                }
                out[(mx + kmax) * n + my + kmax] = new double[]{re / (h * w), im / (h * w)};
            }
        }
        return out;
    }

    /** The exact solution at (x, y, t) from the modes with |k| <= band. */
    public static double solution(double[][] modes, int kmax, int band, double x, double y, double t,
                                  double cx, double cy, double nu) {
        int n = 2 * kmax + 1;
        double u = 0;
        for (int mx = -band; mx <= band; mx++) {
            for (int my = -band; my <= band; my++) {
                if (mx * mx + my * my > band * band) {
                    continue;
                }
                double[] a = modes[(mx + kmax) * n + my + kmax];
                double phase = 2 * Math.PI * (mx * (x - cx * t) + my * (y - cy * t));
                double decay = Math.exp(-nu * 4 * Math.PI * Math.PI * (mx * mx + my * my) * t);
                u += decay * (a[0] * Math.cos(phase) - a[1] * Math.sin(phase));
            }
        }
        return u;
    }

    /**
     * Largest deviation of a trajectory {@code [T, C, H, W]} (channels density, pressure, velocity_x,
     * velocity_y) from the closed form predicted from its first state, over every 3rd x and 5th y point.
     *
     * @param field 0 for density, 1 for pressure
     */
    public static double worstDeviation(float[] states, WellMetadata m, double[] time, int field) {
        float[] x = m.axes().get(0).coordinates();
        float[] y = m.axes().get(1).coordinates();
        int w = y.length;
        int points = x.length * w;
        int frame = m.frameSize();
        double cx = states[2 * points];
        double cy = states[3 * points];
        int band = field == 0 ? BAND_DENSITY : BAND_PRESSURE;
        double nu = field == 0 ? NU_DENSITY : NU_PRESSURE;
        double[][] modes = modes(states, field * points, x, y, KMAX);
        double worst = 0;
        for (int t = 1; t < time.length; t++) {
            for (int i = 0; i < x.length; i += 3) {
                for (int j = 0; j < w; j += 5) {
                    double exact = solution(modes, KMAX, band, x[i], y[j], time[t], cx, cy, nu);
                    worst = Math.max(worst, Math.abs(exact - states[t * frame + field * points + i * w + j]));
                }
            }
        }
        return worst;
    }
}
