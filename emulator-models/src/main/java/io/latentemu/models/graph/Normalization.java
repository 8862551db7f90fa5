package io.latentemu.models.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-channel affine normalisation of states, {@code (u - mean) / std}, stored with a trained model so that
 * whoever loads it can feed it the same kind of numbers it was trained on.
 *
 * @param channels channel names, in channel order
 * @param mean     offset per channel
 * @param std      scale per channel (&gt; 0)
 */
public record Normalization(@JsonProperty("channels") List<String> channels,
                            @JsonProperty("mean") double[] mean,
                            @JsonProperty("std") double[] std) {

    /** Validates sizes and scales. */
    @JsonCreator
    public Normalization {
        channels = List.copyOf(channels);
        if (mean.length != channels.size() || std.length != channels.size()) {
            throw new IllegalArgumentException("normalisation of " + channels.size() + " channels needs as many means ("
                    + mean.length + ") and standard deviations (" + std.length + ")");
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + channels.get(c) + ": mean " + mean[c] + ", std " + std[c]
                        + " (std must be positive, mean finite)");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** {@code (u - mean) / std} on states {@code [N, C, ...]} (a new array). */
    public INDArray normalize(INDArray states) {
        return states.sub(column(mean, states)).divi(column(std, states));
    }

    /** {@code v * std + mean} on states {@code [N, C, ...]} (a new array). */
    public INDArray denormalize(INDArray states) {
        return states.mul(column(std, states)).addi(column(mean, states));
    }

    private INDArray column(double[] values, INDArray like) {
        if (like.rank() < 2 || like.size(1) != values.length) {
            throw new IllegalArgumentException("states " + Arrays.toString(like.shape()) + " must be [N, "
                    + values.length + ", ...]");
        }
        long[] shape = new long[like.rank()];
        Arrays.fill(shape, 1);
        shape[1] = values.length;
        return Nd4j.createFromArray(values).castTo(like.dataType()).reshape(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && channels.equals(n.channels)
                && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * channels.hashCode() + Arrays.hashCode(mean)) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization" + channels + " mean=" + Arrays.toString(mean) + " std=" + Arrays.toString(std);
    }
}
