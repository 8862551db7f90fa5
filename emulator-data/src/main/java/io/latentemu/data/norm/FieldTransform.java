package io.latentemu.data.norm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * A pointwise transform applied to a field before z-score or RMS scaling, with its exact inverse: for
 * positive, heavy-tailed fields (density, energy) {@link #LOG1P} makes the distribution closer to normal.
 * Statistics used with a transform must be computed on transformed values (see {@link StatsComputer}).
 */
public enum FieldTransform {
    /** x. */
    IDENTITY,
    /** log(1 + x), for x > -1; inverse exp(x) - 1. */
    LOG1P,
    /** asinh(x) = log(x + sqrt(x^2 + 1)), for signed heavy-tailed fields; inverse sinh(x). */
    ASINH;

    public double apply(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case LOG1P -> Math.log1p(x);
            case ASINH -> asinh(x);
        };
    }

    public double invert(double y) {
        return switch (this) {
            case IDENTITY -> y;
            case LOG1P -> Math.expm1(y);
            case ASINH -> Math.sinh(y);
        };
    }

    private static double asinh(double x) {
        double a = Math.abs(x);
        // log1p form keeps precision near 0; sqrt form is exact enough for large |x|
        double r = a < 1e8 ? Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a))) : Math.log(a) + Math.log(2);
        return Math.copySign(r, x);
    }

    /** Whether the transform accepts x (LOG1P needs x > -1). */
    public boolean accepts(double x) {
        return this != LOG1P || x > -1;
    }

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FieldTransform parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
