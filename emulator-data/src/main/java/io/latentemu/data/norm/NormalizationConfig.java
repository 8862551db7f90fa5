package io.latentemu.data.norm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a {@link Normalizer} maps stored values to network inputs: a pointwise transform per field (e.g.
 * {@code log1p} of a positive field), then z-score or RMS scaling per channel from the dataset's statistics.
 *
 * @param mode       z-score, RMS or none
 * @param transforms field -> transform; fields not listed are left as they are
 * @param minScale   lower bound of the std / rms divisor (The Well uses 1e-4), avoids dividing by ~0 for
 *                   constant channels
 */
public record NormalizationConfig(NormalizationMode mode, Map<String, FieldTransform> transforms, double minScale) {

    /** The Well's default lower bound of the divisor. */
    public static final double DEFAULT_MIN_SCALE = 1e-4;

    public NormalizationConfig {
        if (mode == null) {
            throw new IllegalArgumentException("normalisation mode must be given");
        }
        transforms = transforms == null ? Map.of() : Map.copyOf(transforms);
        if (!(minScale > 0) || !Double.isFinite(minScale)) {
            throw new IllegalArgumentException("minScale must be positive and finite, got " + minScale);
        }
    }

    /** Z-score of raw values: The Well's normalisation. */
    public static NormalizationConfig zscore() {
        return new NormalizationConfig(NormalizationMode.ZSCORE, Map.of(), DEFAULT_MIN_SCALE);
    }

    public static NormalizationConfig rms() {
        return new NormalizationConfig(NormalizationMode.RMS, Map.of(), DEFAULT_MIN_SCALE);
    }

    public static NormalizationConfig none() {
        return new NormalizationConfig(NormalizationMode.NONE, Map.of(), DEFAULT_MIN_SCALE);
    }

    /** The same with one more field transform. */
    public NormalizationConfig withTransform(String field, FieldTransform transform) {
        Map<String, FieldTransform> t = new LinkedHashMap<>(transforms);
        t.put(field, transform);
        return new NormalizationConfig(mode, t, minScale);
    }

    public FieldTransform transform(String field) {
        return transforms.getOrDefault(field, FieldTransform.IDENTITY);
    }
}
