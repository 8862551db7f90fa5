package io.latentemu.models.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The (t, y, x) grid of tokens a transformer sees: a window of {@code frames} states of {@code height x width}
 * patches. Tokens are numbered row-major over {@code [frames, height, width]}.
 */
public record TokenGrid(@JsonProperty("frames") int frames, @JsonProperty("height") int height,
                        @JsonProperty("width") int width) {

    /** Validates the sizes. */
    @JsonCreator
    public TokenGrid {
        if (frames <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("token grid sizes must be positive: " + frames + "x" + height + "x" + width);
        }
    }

    /** Number of tokens {@code frames * height * width}. */
    public int count() {
        return frames * height * width;
    }

    /** Coordinates {@code {t, y, x}} of token {@code index}. */
    public int[] coordinates(int index) {
        int x = index % width;
        int y = (index / width) % height;
        int t = index / (width * height);
        return new int[]{t, y, x};
    }
}
