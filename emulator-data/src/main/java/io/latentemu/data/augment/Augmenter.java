package io.latentemu.data.augment;

import io.latentemu.data.well.Axis;
import io.latentemu.data.well.Channel;
import io.latentemu.data.well.WellMetadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Applies the spatial symmetries a dataset's boundary conditions allow to windows {@code [L, C, H, W(, D)]}:
 * mirroring an axis whose boundary conditions and coordinates read the same backwards, and rolling
 * (circular shifts) along periodic, uniform axes. Mirroring axis a also flips the sign of every vector or
 * tensor component along a ({@code velocity_x} under x-mirroring, {@code stress_xy} too, not
 * {@code stress_xx}), so that a solution of a mirror-symmetric PDE stays a solution. The same transform
 * applies to every state of a window. Scalar simulation parameters are assumed invariant.
 */
public final class Augmenter {

    /** One draw: which axes to mirror and by how many cells to roll each axis (applied first). */
    public record Transform(boolean[] flip, int[] shift) {
        public Transform {
            flip = flip.clone();
            shift = shift.clone();
        }

        @Override
        public boolean[] flip() {
            return flip.clone();
        }

        @Override
        public int[] shift() {
            return shift.clone();
        }

        public boolean isIdentity() {
            for (boolean f : flip) {
                if (f) {
                    return false;
                }
            }
            for (int s : shift) {
                if (s != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private final AugmentationConfig config;
    private final int[] shape;
    private final List<Integer> flipAxes;
    private final List<Integer> rollAxes;
    /** sign[axis][channel] under mirroring of axis. */
    private final int[][] sign;

    private Augmenter(AugmentationConfig config, int[] shape, List<Integer> flipAxes, List<Integer> rollAxes,
                      int[][] sign) {
        this.config = config;
        this.shape = shape;
        this.flipAxes = flipAxes;
        this.rollAxes = rollAxes;
        this.sign = sign;
    }

    /** The augmenter for a dataset: decides the allowed axes from its boundary conditions and coordinates. */
    public static Augmenter of(WellMetadata m, AugmentationConfig config) {
        int d = m.spatialDims();
        List<Integer> flips = new ArrayList<>();
        List<Integer> rolls = new ArrayList<>();
        for (int a = 0; a < d; a++) {
            Axis axis = m.axes().get(a);
            if (config.flips() && m.isMirrorSymmetric(a) && hasMirrorSymmetricSpacing(axis)) {
                flips.add(a);
            }
            if (config.rolls() && m.isPeriodic(a) && axis.isUniform()) {
                rolls.add(a);
            }
        }
        int[][] sign = new int[d][m.channelCount()];
        for (int a = 0; a < d; a++) {
            for (Channel c : m.channels()) {
                sign[a][c.index()] = c.mirrorSign(a);
            }
        }
        return new Augmenter(config, m.spatialShape(), Collections.unmodifiableList(flips),
                Collections.unmodifiableList(rolls), sign);
    }

    private static boolean hasMirrorSymmetricSpacing(Axis axis) {
        float[] c = axis.coordinates();
        double tolerance = 1e-4 * Math.max(Math.abs(axis.spacing()), 1e-30);
        for (int i = 0, j = c.length - 1; i < j - 1; i++, j--) {
            double left = c[i + 1] - (double) c[i];
            double right = c[j] - (double) c[j - 1];
            if (Math.abs(left - right) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** Axes that may be mirrored. */
    public List<Integer> flipAxes() {
        return flipAxes;
    }

    /** Axes that may be rolled. */
    public List<Integer> rollAxes() {
        return rollAxes;
    }

    /** Whether any transform other than the identity can be drawn. */
    public boolean active() {
        return !flipAxes.isEmpty() || !rollAxes.isEmpty();
    }

    /** Draws a transform from {@code random}. */
    public Transform draw(SplittableRandom random) {
        boolean[] flip = new boolean[shape.length];
        int[] shift = new int[shape.length];
        for (int a : flipAxes) {
            flip[a] = random.nextDouble() < config.flipProbability();
        }
        for (int a : rollAxes) {
            shift[a] = random.nextInt(shape[a]);
        }
        return new Transform(flip, shift);
    }

    /**
     * Applies a transform in place to {@code frames} states laid out {@code [frames, C, points]} from
     * {@code offset}: {@code out(i) = sign * in(source(i))}, where along each axis
     * {@code source = (i' - shift) mod N} and {@code i' = N - 1 - i} when mirrored, else {@code i}.
     */
    public void apply(Transform t, float[] data, int offset, int frames) {
        if (t.isIdentity()) {
            return;
        }
        int d = shape.length;
        int points = 1;
        for (int n : shape) {
            points *= n;
        }
        int channels = sign[0].length;
        // source offset, in points, of each output point
        int[] source = new int[points];
        int[][] map = new int[d][];
        for (int a = 0; a < d; a++) {
            int n = shape[a];
            map[a] = new int[n];
            for (int i = 0; i < n; i++) {
                int j = t.flip[a] ? n - 1 - i : i;
                map[a][i] = Math.floorMod(j - t.shift[a], n);
            }
        }
        int[] idx = new int[d];
        for (int p = 0; p < points; p++) {
            int s = 0;
            for (int a = 0; a < d; a++) {
                s = s * shape[a] + map[a][idx[a]];
            }
            source[p] = s;
            for (int a = d - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        int[] channelSign = new int[channels];
        for (int c = 0; c < channels; c++) {
            channelSign[c] = 1;
            for (int a = 0; a < d; a++) {
                if (t.flip[a]) {
                    channelSign[c] *= sign[a][c];
                }
            }
        }
        float[] plane = new float[points];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                int start = offset + (f * channels + c) * points;
                System.arraycopy(data, start, plane, 0, points);
                float s = channelSign[c];
                for (int p = 0; p < points; p++) {
                    data[start + p] = s * plane[source[p]];
                }
            }
        }
    }
}
