package io.latentemu.data.well;

/**
 * How one field is stored: which leading dimensions its dataset has (trajectory, time, each axis) and how
 * its components map onto the channels of a state. Reads the field's part of a window.
 */
final class FieldStorage {

    final FieldSpec spec;
    final String path;
    final SlabReader reader;
    final boolean sampleVarying;
    final boolean timeVarying;
    final boolean[] dimVarying;
    final int components;
    final int firstChannel;
    private final int[] spatialShape;
    private final int varyingPoints;
    private final boolean allVarying;

    FieldStorage(FieldSpec spec, String path, SlabReader reader, boolean sampleVarying, boolean timeVarying,
                 boolean[] dimVarying, int[] spatialShape, int firstChannel) {
        this.spec = spec;
        this.path = path;
        this.reader = reader;
        this.sampleVarying = sampleVarying;
        this.timeVarying = timeVarying;
        this.dimVarying = dimVarying.clone();
        this.spatialShape = spatialShape.clone();
        this.components = spec.channelCount(spatialShape.length);
        this.firstChannel = firstChannel;
        int n = 1;
        boolean all = true;
        for (int i = 0; i < spatialShape.length; i++) {
            if (dimVarying[i]) {
                n *= spatialShape[i];
            } else {
                all = false;
            }
        }
        this.varyingPoints = n;
        this.allVarying = all;
    }

    /** The dataset shape this storage expects for {@code trajectories} x {@code steps}. */
    long[] expectedShape(int trajectories, int steps) {
        return shape(trajectories, steps);
    }

    /**
     * The shape of a dataset (or slab) with {@code trajectories} and {@code steps} in its leading dimensions
     * (those it has) and every spatial point and component after them.
     */
    private long[] shape(long trajectories, long steps) {
        int rank = (sampleVarying ? 1 : 0) + (timeVarying ? 1 : 0) + spec.order();
        for (boolean v : dimVarying) {
            rank += v ? 1 : 0;
        }
        long[] s = new long[rank];
        int k = 0;
        if (sampleVarying) {
            s[k++] = trajectories;
        }
        if (timeVarying) {
            s[k++] = steps;
        }
        for (int i = 0; i < spatialShape.length; i++) {
            if (dimVarying[i]) {
                s[k++] = spatialShape[i];
            }
        }
        for (int i = 0; i < spec.order(); i++) {
            s[k++] = spatialShape.length;
        }
        return s;
    }

    /**
     * Reads steps {@code start, start + stride, ...} ({@code length} of them) of trajectory {@code traj} into the
     * window {@code out} laid out {@code [length, channels, points]} from {@code offset}.
     */
    void readInto(int traj, int start, int length, int stride, int channels, int points, float[] out, int offset) {
        int perStep = varyingPoints * components;
        if (!timeVarying) {
            float[] src = new float[perStep];
            reader.read(slabOffset(traj, 0), slabDims(1), src, 0);
            for (int l = 0; l < length; l++) {
                scatter(src, 0, out, offset + l * channels * points, points);
            }
            return;
        }
        if (stride == 1) {
            float[] src = new float[perStep * length];
            reader.read(slabOffset(traj, start), slabDims(length), src, 0);
            for (int l = 0; l < length; l++) {
                scatter(src, l * perStep, out, offset + l * channels * points, points);
            }
            return;
        }
        float[] src = new float[perStep];
        for (int l = 0; l < length; l++) {
            reader.read(slabOffset(traj, start + l * stride), slabDims(1), src, 0);
            scatter(src, 0, out, offset + l * channels * points, points);
        }
    }

    private long[] slabOffset(int traj, int step) {
        long[] o = new long[rank()];
        int k = 0;
        if (sampleVarying) {
            o[k++] = traj;
        }
        if (timeVarying) {
            o[k] = step;
        }
        return o;
    }

    private int[] slabDims(int steps) {
        long[] d = shape(1, steps);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    private int rank() {
        return shape(1, 1).length;
    }

    /** Copies one step {@code [varying points..., components]} to {@code [channels, points]}, broadcasting constant axes. */
    private void scatter(float[] src, int srcOffset, float[] out, int frameOffset, int points) {
        for (int c = 0; c < components; c++) {
            int plane = frameOffset + (firstChannel + c) * points;
            if (allVarying) {
                if (components == 1) {
                    System.arraycopy(src, srcOffset, out, plane, points);
                } else {
                    for (int p = 0, s = srcOffset + c; p < points; p++, s += components) {
                        out[plane + p] = src[s];
                    }
                }
            } else {
                scatterBroadcast(src, srcOffset + c, out, plane, points);
            }
        }
    }

    private void scatterBroadcast(float[] src, int srcOffset, float[] out, int plane, int points) {
        int d = spatialShape.length;
        int[] stride = new int[d];
        int s = components;
        for (int i = d - 1; i >= 0; i--) {
            stride[i] = dimVarying[i] ? s : 0;
            if (dimVarying[i]) {
                s *= spatialShape[i];
            }
        }
        int[] idx = new int[d];
        for (int p = 0; p < points; p++) {
            int si = srcOffset;
            for (int i = 0; i < d; i++) {
                si += idx[i] * stride[i];
            }
            out[plane + p] = src[si];
            for (int i = d - 1; i >= 0; i--) {
                if (++idx[i] < spatialShape[i]) {
                    break;
                }
                idx[i] = 0;
            }
        }
    }
}
