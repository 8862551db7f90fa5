package io.latentemu.data.window;

import io.latentemu.data.norm.Normalizer;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellMetadata;
import io.latentemu.data.well.WellSplit;

/**
 * Reads the windows of a split by number ({@link WindowIndex}), raw or normalised. Each read touches only
 * the slices of its window. Safe for concurrent use.
 */
public final class WindowReader {

    private final WellSplit split;
    private final WindowIndex index;
    private final Normalizer normalizer;

    /**
     * @param normalizer applied by {@link #read(int)}; {@code null} for raw values
     */
    public WindowReader(WellSplit split, WindowSpec spec, Normalizer normalizer) {
        this.split = split;
        this.index = WindowIndex.of(split, spec);
        this.normalizer = normalizer == null ? Normalizer.identity(split.metadata()) : normalizer;
        if (this.normalizer.channels() != split.metadata().channelCount()) {
            throw new IllegalArgumentException("normaliser for " + this.normalizer.channels() + " channels, split has "
                    + split.metadata().channelCount());
        }
    }

    public WellSplit split() {
        return split;
    }

    public WellMetadata metadata() {
        return split.metadata();
    }

    public WindowIndex index() {
        return index;
    }

    public WindowSpec spec() {
        return index.spec();
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    /** Number of windows. */
    public int size() {
        return index.size();
    }

    /** Shape of a window: {@code [L, C, H, W(, D)]}. */
    public int[] windowShape() {
        int[] s = metadata().spatialShape();
        int[] out = new int[2 + s.length];
        out[0] = spec().length();
        out[1] = metadata().channelCount();
        System.arraycopy(s, 0, out, 2, s.length);
        return out;
    }

    /** Values per window. */
    public int windowSize() {
        return spec().length() * metadata().frameSize();
    }

    /** Simulation parameters per window. */
    public int parameterCount() {
        return metadata().parameters().size();
    }

    /** Reads window {@code i}, normalised. */
    public Window read(int i) {
        float[] data = new float[windowSize()];
        float[] params = new float[parameterCount()];
        WindowRef ref = readRaw(i, data, 0, params, 0);
        normalizer.normalize(data, 0, spec().length());
        return new Window(ref, data, windowShape(), params);
    }

    /**
     * Reads window {@code i} as stored (not normalised) into {@code data} from {@code offset}, and its
     * parameters at the first state into {@code parameters} from {@code parameterOffset}.
     */
    public WindowRef readRaw(int i, float[] data, int offset, float[] parameters, int parameterOffset) {
        WindowRef ref = index.get(i);
        WellFile f = split.files().get(ref.file());
        f.readWindow(ref.trajectory(), ref.start(), spec().length(), spec().stride(), data, offset);
        double[] p = f.parameters(ref.trajectory(), ref.start());
        for (int k = 0; k < p.length; k++) {
            parameters[parameterOffset + k] = (float) p[k];
        }
        return ref;
    }
}
