package io.latentemu.data.well;

import java.util.Arrays;
import java.util.Objects;

/**
 * One spatial axis of a grid: its name ({@code x}, {@code y}, {@code z}, ...) and the coordinates of its
 * points, uniform or not, stored as float32 like The Well does.
 */
public record Axis(String name, float[] coordinates) {

    /** Relative tolerance on the spacing for an axis to count as uniform. */
    private static final double UNIFORM_TOLERANCE = 1e-4;

    public Axis {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(coordinates, "coordinates");
        if (name.isBlank()) {
            throw new IllegalArgumentException("axis name must not be blank");
        }
        if (coordinates.length == 0) {
            throw new IllegalArgumentException("axis " + name + " has no points");
        }
        coordinates = coordinates.clone();
    }

    /**
     * A uniform axis of {@code n} cells covering {@code [lo, hi)}, with coordinates at the cell centres
     * {@code lo + (i + 0.5) (hi - lo) / n} (The Well's convention for periodic grids).
     */
    public static Axis uniform(String name, int n, double lo, double hi) {
        if (n < 1 || !(hi > lo)) {
            throw new IllegalArgumentException("uniform axis " + name + " needs n >= 1 and hi > lo, got n=" + n
                    + ", [" + lo + ", " + hi + ")");
        }
        float[] c = new float[n];
        double h = (hi - lo) / n;
        for (int i = 0; i < n; i++) {
            c[i] = (float) (lo + (i + 0.5) * h);
        }
        return new Axis(name, c);
    }

    /** Names of axes, in order. */
    public static java.util.List<String> names(java.util.List<Axis> axes) {
        return axes.stream().map(Axis::name).toList();
    }

    /** Points per axis, in order. */
    public static int[] shape(java.util.List<Axis> axes) {
        return axes.stream().mapToInt(Axis::size).toArray();
    }

    /** Points of the grid the axes span: the product of their sizes. */
    public static int points(java.util.List<Axis> axes) {
        int n = 1;
        for (Axis a : axes) {
            n *= a.size();
        }
        return n;
    }

    @Override
    public float[] coordinates() {
        return coordinates.clone();
    }

    /** Number of points. */
    public int size() {
        return coordinates.length;
    }

    /** Whether consecutive points are equally spaced (to a relative 1e-4). */
    public boolean isUniform() {
        if (coordinates.length < 3) {
            return true;
        }
        double h = (coordinates[coordinates.length - 1] - coordinates[0]) / (double) (coordinates.length - 1);
        for (int i = 1; i < coordinates.length; i++) {
            double d = coordinates[i] - (double) coordinates[i - 1];
            if (Math.abs(d - h) > UNIFORM_TOLERANCE * Math.abs(h)) {
                return false;
            }
        }
        return true;
    }

    /** Mean spacing between consecutive points (the spacing of a uniform axis); 0 for a single point. */
    public double spacing() {
        if (coordinates.length < 2) {
            return 0;
        }
        return (coordinates[coordinates.length - 1] - (double) coordinates[0]) / (coordinates.length - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Axis a && name.equals(a.name) && Arrays.equals(coordinates, a.coordinates);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(coordinates);
    }

    @Override
    public String toString() {
        return "Axis[" + name + ", " + coordinates.length + " points]";
    }
}
