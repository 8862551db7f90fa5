package io.latentemu.models.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which spatial axes of a field wrap around: {@code h} is the first spatial axis (rows, H), {@code w} the
 * second (columns, W). Convolutions pad periodic axes circularly and the others with zeros.
 */
public record Periodicity(@JsonProperty("h") boolean h, @JsonProperty("w") boolean w) {

    /** Jackson's constructor. */
    @JsonCreator
    public Periodicity {
    }

    /** Neither axis periodic. */
    public static Periodicity none() {
        return new Periodicity(false, false);
    }

    /** Both axes periodic (a torus). */
    public static Periodicity both() {
        return new Periodicity(true, true);
    }
}
