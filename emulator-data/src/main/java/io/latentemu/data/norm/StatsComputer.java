package io.latentemu.data.norm;

import io.latentemu.data.WellDataException;
import io.latentemu.data.well.Channel;
import io.latentemu.data.well.FieldSpec;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellMetadata;
import io.latentemu.data.well.WellSplit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Computes a dataset's statistics in The Well's form by streaming over a split one state at a time
 * (memory: two states): per channel, over every point of every state of every trajectory, the mean,
 * population standard deviation and root mean square of the values and of the differences between
 * consecutive states ({@code *_delta}). Sums are accumulated in double precision with Chan's pairwise update,
 * state by state. With field transforms, the statistics are those of the transformed values.
 */
public final class StatsComputer {

    private final Map<String, FieldTransform> transforms;
    private final LongConsumer progress;

    /** Statistics of the raw values. */
    public StatsComputer() {
        this(Map.of(), states -> { });
    }

    /**
     * @param transforms field -> transform applied before accumulating (missing fields: identity)
     * @param progress   called with the number of states read so far, after each state
     */
    public StatsComputer(Map<String, FieldTransform> transforms, LongConsumer progress) {
        this.transforms = Map.copyOf(transforms);
        this.progress = progress;
    }

    /** Computes the statistics of a split (usually train). */
    public WellStats compute(WellSplit split) {
        WellMetadata m = split.metadata();
        int channels = m.channelCount();
        int points = m.pointsPerChannel();
        FieldTransform[] perChannel = new FieldTransform[channels];
        for (Channel c : m.channels()) {
            perChannel[c.index()] = transforms.getOrDefault(c.field(), FieldTransform.IDENTITY);
        }
        for (String f : transforms.keySet()) {
            if (m.fields().stream().noneMatch(s -> s.name().equals(f))) {
                throw new IllegalArgumentException("transform for unknown field '" + f + "'; fields: "
                        + m.fields().stream().map(FieldSpec::name).toList());
            }
        }
        Moments[] values = new Moments[channels];
        Moments[] deltas = new Moments[channels];
        for (int c = 0; c < channels; c++) {
            values[c] = new Moments();
            deltas[c] = new Moments();
        }
        float[] previous = new float[m.frameSize()];
        float[] current = new float[m.frameSize()];
        long states = 0;
        for (WellFile f : split.files()) {
            for (int b = 0; b < f.trajectories(); b++) {
                for (int t = 0; t < f.steps(); t++) {
                    f.readWindow(b, t, 1, 1, current, 0);
                    transform(f, b, t, m, perChannel, current, points);
                    for (int c = 0; c < channels; c++) {
                        values[c].addFrame(current, c * points, points, null, 0);
                        if (t > 0) {
                            deltas[c].addFrame(current, c * points, points, previous, c * points);
                        }
                    }
                    float[] swap = previous;
                    previous = current;
                    current = swap;
                    progress.accept(++states);
                }
            }
        }
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        for (String key : WellStats.KEYS) {
            out.put(key, new LinkedHashMap<>());
        }
        int dims = m.spatialDims();
        for (FieldSpec field : m.fields()) {
            int n = field.channelCount(dims);
            double[][] v = new double[WellStats.KEYS.size()][n];
            for (Channel c : m.channels()) {
                if (!c.field().equals(field.name())) {
                    continue;
                }
                int k = c.component(dims);
                Moments a = values[c.index()];
                Moments d = deltas[c.index()];
                v[0][k] = a.mean();
                v[1][k] = a.std();
                v[2][k] = a.rms();
                v[3][k] = d.mean();
                v[4][k] = d.std();
                v[5][k] = d.rms();
            }
            for (int i = 0; i < WellStats.KEYS.size(); i++) {
                out.get(WellStats.KEYS.get(i)).put(field.name(), v[i]);
            }
        }
        return new WellStats(null, out, transforms);
    }

    private static void transform(WellFile f, int b, int t, WellMetadata m, FieldTransform[] perChannel,
                                  float[] frame, int points) {
        for (int c = 0; c < perChannel.length; c++) {
            FieldTransform tr = perChannel[c];
            if (tr == FieldTransform.IDENTITY) {
                continue;
            }
            for (int i = c * points, end = i + points; i < end; i++) {
                if (!tr.accepts(frame[i])) {
                    throw new WellDataException(f.path(), "/t" + m.channels().get(c).order() + "_fields/"
                            + m.channels().get(c).field(), "value " + frame[i] + " in trajectory " + b + ", step " + t
                            + ", channel " + m.channels().get(c).name() + " is outside the domain of " + tr.key());
                }
                frame[i] = (float) tr.apply(frame[i]);
            }
        }
    }

    /** Count, mean and sum of squared deviations, merged one state at a time (Chan et al.). */
    private static final class Moments {
        private long n;
        private double mean;
        private double m2;

        /** Adds the values {@code a[i] - b[i]} (or {@code a[i]} when {@code b} is null) of one state. */
        void addFrame(float[] a, int offset, int count, float[] b, int bOffset) {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += b == null ? a[offset + i] : (double) a[offset + i] - b[bOffset + i];
            }
            double frameMean = sum / count;
            double frameM2 = 0;
            for (int i = 0; i < count; i++) {
                double x = (b == null ? a[offset + i] : (double) a[offset + i] - b[bOffset + i]) - frameMean;
                frameM2 += x * x;
            }
            long total = n + count;
            double delta = frameMean - mean;
            mean += delta * count / total;
            m2 += frameM2 + delta * delta * ((double) n * count / total);
            n = total;
        }

        double mean() {
            return n == 0 ? 0 : mean;
        }

        double std() {
            return n == 0 ? 0 : Math.sqrt(m2 / n);
        }

        double rms() {
            return n == 0 ? 0 : Math.sqrt(m2 / n + mean * mean);
        }
    }
}
