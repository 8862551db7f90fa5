package io.latentemu.models.backbone;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * The shape {@code [L, C, H, W]} of one window of (latent) states a window model works on: L frames of C
 * channels on an H x W grid.
 */
public record WindowShape(@JsonProperty("frames") int frames, @JsonProperty("channels") int channels,
                          @JsonProperty("height") int height, @JsonProperty("width") int width) {

    /** Validates the sizes. */
    @JsonCreator
    public WindowShape {
        if (frames <= 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("window sizes must be positive: " + frames + "x" + channels + "x"
                    + height + "x" + width);
        }
    }

    /** The window of {@code frames} states of shape {@code [C, H, W]}. */
    public static WindowShape of(int frames, long[] stateShape) {
        if (stateShape.length != 3) {
            throw new IllegalArgumentException("a state shape is [C, H, W], got " + Arrays.toString(stateShape));
        }
        return new WindowShape(frames, (int) stateShape[0], (int) stateShape[1], (int) stateShape[2]);
    }

    /** {@code [B, L, C, H, W]} for a batch of {@code batch} windows. */
    public long[] batchShape(long batch) {
        return new long[]{batch, frames, channels, height, width};
    }

    /** Fails unless {@code shape} is {@code [B, L, C, H, W]} of this window. */
    public void check(long[] shape, String what) {
        if (shape.length != 5 || shape[1] != frames || shape[2] != channels || shape[3] != height || shape[4] != width) {
            throw new IllegalArgumentException(what + " must be [B, " + frames + ", " + channels + ", " + height + ", "
                    + width + "], got " + Arrays.toString(shape));
        }
    }
}
