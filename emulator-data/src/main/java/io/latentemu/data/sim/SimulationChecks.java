package io.latentemu.data.sim;

/** Validation shared by the simulators' configuration records. */
final class SimulationChecks {

    private SimulationChecks() {
    }

    /** Grid and saving cadence: at least 8 cells per side, 2 frames, a positive finite interval. */
    static void grid(int resolution, int frames, double outputInterval) {
        if (resolution < 8) {
            throw new IllegalArgumentException("resolution must be at least 8 cells, got " + resolution);
        }
        if (frames < 2) {
            throw new IllegalArgumentException("frames must be at least 2, got " + frames);
        }
        if (!(outputInterval > 0) || !Double.isFinite(outputInterval)) {
            throw new IllegalArgumentException("outputInterval must be positive and finite, got " + outputInterval);
        }
    }

    /** Spectral solvers need an even number of cells per side (any even size: JTransforms' FFT is mixed-radix). */
    static void evenResolution(int resolution) {
        if (resolution < 2 || resolution % 2 != 0) {
            throw new IllegalArgumentException("resolution must be even for the spectral solver, got "
                    + resolution);
        }
    }

    static void notNull(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be given");
        }
    }

    static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }

    static void nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got " + value);
        }
    }

    /** {@code n} points {@code (i + offset) * length / n}: offset 0.5 for cell centres, 0 for collocation points. */
    static float[] uniformCoordinates(int n, double length, double offset) {
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            c[i] = (float) ((i + offset) * length / n);
        }
        return c;
    }
}
