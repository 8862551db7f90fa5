package io.latentemu.data.bench;

import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.write.FrameSource;
import io.latentemu.data.write.WellDescription;

/**
 * Synthetic trajectories for benchmarks, computed on demand: travelling, decaying waves on a periodic
 * square grid (density, pressure and a constant velocity per trajectory) with a little deterministic noise,
 * so that they compress about as badly as simulation output, and a file of any size can be written without
 * holding it in memory.
 */
public final class WaveFrames implements FrameSource {

    private final int trajectories;
    private final int steps;
    private final int n;

    public WaveFrames(int trajectories, int steps, int resolution) {
        this.trajectories = trajectories;
        this.steps = steps;
        this.n = resolution;
    }

    /** The description of the files these frames go to. */
    public WellDescription description() {
        return WellDescription.builder("bench_waves")
                .axis(Axis.uniform("x", n, 0, 1), BoundaryType.PERIODIC)
                .axis(Axis.uniform("y", n, 0, 1), BoundaryType.PERIODIC)
                .field("density", 0).field("pressure", 0).field("velocity", 1)
                .parameter("wavenumber")
                .build();
    }

    @Override
    public int trajectories() {
        return trajectories;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public double[] times(int trajectory) {
        double[] t = new double[steps];
        for (int i = 0; i < steps; i++) {
            t[i] = 0.01 * i;
        }
        return t;
    }

    @Override
    public double[] parameters(int trajectory) {
        return new double[]{1 + trajectory % 4};
    }

    @Override
    public void readFrame(int trajectory, int step, float[] into, int offset) {
        double t = 0.01 * step;
        int k = 1 + trajectory % 4;
        double cx = 0.3 + 0.1 * (trajectory % 3);
        double cy = -0.2 + 0.05 * (trajectory % 5);
        double decay = Math.exp(-0.05 * k * k * t);
        double[] sx = new double[n];
        double[] cxv = new double[n];
        double[] syv = new double[n];
        double[] cyv = new double[n];
        for (int i = 0; i < n; i++) {
            double x = (i + 0.5) / n;
            sx[i] = Math.sin(2 * Math.PI * k * (x - cx * t));
            cxv[i] = Math.cos(2 * Math.PI * (x - cx * t));
            syv[i] = Math.sin(2 * Math.PI * ((i + 0.5) / n - cy * t));
            cyv[i] = Math.cos(2 * Math.PI * k * ((i + 0.5) / n - cy * t));
        }
        int points = n * n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int p = offset + i * n + j;
                long h = noise(trajectory, step, i * n + j);
                into[p] = (float) (1 + 0.2 * decay * sx[i] * cyv[j] + 1e-3 * unit(h));
                into[points + p] = (float) (2 + 0.1 * decay * cxv[i] * syv[j] + 1e-3 * unit(h >>> 16));
                into[2 * points + p] = (float) (cx + 1e-3 * unit(h >>> 32));
                into[3 * points + p] = (float) (cy + 1e-3 * unit(h >>> 48));
            }
        }
    }

    private static long noise(int trajectory, int step, int point) {
        long z = (((long) trajectory * 1_000_003L + step) * 1_000_000_007L + point) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 16 bits of a hash as a number in [-0.5, 0.5). */
    private static double unit(long bits) {
        return (bits & 0xffff) / 65536.0 - 0.5;
    }
}
