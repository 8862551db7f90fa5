package io.latentemu.data.norm;

import io.latentemu.data.WellDataException;
import io.latentemu.data.well.Channel;
import io.latentemu.data.well.FieldSpec;
import io.latentemu.data.well.WellMetadata;

import java.util.Arrays;

/**
 * Maps stored values to normalised ones and back, per channel: {@code y = (T(x) - shift) / scale}, with
 * {@code T} the field's transform, and the inverse {@code x = T^-1(y scale + shift)}. For z-score,
 * {@code shift = mean} and {@code scale = max(std, minScale)}; for RMS, {@code shift = 0} and
 * {@code scale = max(rms, minScale)}; the statistics are those of the transformed field.
 *
 * <p>Works on arrays laid out {@code [frames, C, points]} (a window {@code [L, C, H, W]}, a batch
 * {@code [B, L, C, H, W]} seen as {@code B * L} frames). Arithmetic is in double precision; results are
 * stored as float32. Immutable and thread-safe.
 */
public final class Normalizer {

    private final int points;
    private final FieldTransform[] transforms;
    private final double[] shift;
    private final double[] scale;

    private Normalizer(int points, FieldTransform[] transforms, double[] shift, double[] scale) {
        this.points = points;
        this.transforms = transforms;
        this.shift = shift;
        this.scale = scale;
    }

    /**
     * A normaliser for a dataset from its statistics ({@code stats} may be null in mode {@code NONE}).
     *
     * @throws WellDataException if the statistics lack a field, or were computed under other transforms than
     *                           the configuration asks for
     */
    public static Normalizer create(WellMetadata metadata, WellStats stats, NormalizationConfig config) {
        for (String f : config.transforms().keySet()) {
            if (metadata.fields().stream().noneMatch(s -> s.name().equals(f))) {
                throw new IllegalArgumentException("transform for unknown field '" + f + "'; fields: "
                        + metadata.fields().stream().map(FieldSpec::name).toList());
            }
        }
        int c = metadata.channelCount();
        FieldTransform[] tr = new FieldTransform[c];
        double[] shift = new double[c];
        double[] scale = new double[c];
        Arrays.fill(scale, 1);
        for (FieldSpec f : metadata.fields()) {
            FieldTransform wanted = config.transform(f.name());
            if (config.mode() == NormalizationMode.NONE) {
                break;
            }
            FieldTransform computed = stats.transform(f.name());
            if (wanted != computed) {
                throw new WellDataException(stats.file().orElse(null), "transforms/" + f.name(), "the statistics are of "
                        + describe(computed) + " field '" + f.name() + "' but the configuration asks for " + describe(wanted)
                        + ": compute matching statistics with StatsComputer into a separate file");
            }
        }
        double[] center = config.mode() == NormalizationMode.ZSCORE ? stats.channelValues(WellStats.MEAN, metadata) : null;
        double[] spread = switch (config.mode()) {
            case ZSCORE -> stats.channelValues(WellStats.STD, metadata);
            case RMS -> stats.channelValues(WellStats.RMS, metadata);
            case NONE -> null;
        };
        for (Channel ch : metadata.channels()) {
            int i = ch.index();
            tr[i] = config.transform(ch.field());
            if (center != null) {
                shift[i] = center[i];
            }
            if (spread != null) {
                scale[i] = Math.max(spread[i], config.minScale());
            }
        }
        return new Normalizer(metadata.pointsPerChannel(), tr, shift, scale);
    }

    private static String describe(FieldTransform t) {
        return t == FieldTransform.IDENTITY ? "the untransformed" : "the " + t.key() + " of the";
    }

    /** Leaves every value as it is. */
    public static Normalizer identity(WellMetadata metadata) {
        int c = metadata.channelCount();
        FieldTransform[] tr = new FieldTransform[c];
        Arrays.fill(tr, FieldTransform.IDENTITY);
        double[] scale = new double[c];
        Arrays.fill(scale, 1);
        return new Normalizer(metadata.pointsPerChannel(), tr, new double[c], scale);
    }

    public int channels() {
        return shift.length;
    }

    /** Value subtracted from each channel (after its transform). */
    public double[] shifts() {
        return shift.clone();
    }

    /** Divisor of each channel. */
    public double[] scales() {
        return scale.clone();
    }

    public FieldTransform transform(int channel) {
        return transforms[channel];
    }

    public double normalize(int channel, double x) {
        return (transforms[channel].apply(x) - shift[channel]) / scale[channel];
    }

    public double denormalize(int channel, double y) {
        return transforms[channel].invert(y * scale[channel] + shift[channel]);
    }

    /** Normalises {@code frames} states laid out {@code [frames, C, points]} in place, from {@code offset}. */
    public void normalize(float[] data, int offset, int frames) {
        apply(data, offset, frames, true);
    }

    /** Inverts {@link #normalize(float[], int, int)} in place. */
    public void denormalize(float[] data, int offset, int frames) {
        apply(data, offset, frames, false);
    }

    private void apply(float[] data, int offset, int frames, boolean forward) {
        int c = channels();
        long needed = offset + (long) frames * c * points;
        if (offset < 0 || needed > data.length) {
            throw new IllegalArgumentException(frames + " states of " + c + " x " + points + " values from offset "
                    + offset + " do not fit in " + data.length + " values");
        }
        for (int f = 0; f < frames; f++) {
            for (int ch = 0; ch < c; ch++) {
                int start = offset + (f * c + ch) * points;
                FieldTransform t = transforms[ch];
                double s = shift[ch];
                double k = scale[ch];
                if (forward) {
                    for (int i = start; i < start + points; i++) {
                        data[i] = (float) ((t.apply(data[i]) - s) / k);
                    }
                } else {
                    for (int i = start; i < start + points; i++) {
                        data[i] = (float) t.invert(data[i] * k + s);
                    }
                }
            }
        }
    }
}
