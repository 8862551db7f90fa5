package io.latentemu.core;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Per-row operations on batched tensors {@code [B, ...]}, where a row is one sample of the batch. */
public final class Broadcast {

    private Broadcast() {
    }

    /**
     * A view of the vector {@code v} ({@code [B]}) shaped {@code [B, 1, ..., 1]} with the rank of
     * {@code like}, for broadcasting against it.
     */
    public static INDArray rowShaped(INDArray v, INDArray like) {
        if (v.length() != like.size(0)) {
            throw new IllegalArgumentException("per-row vector has " + v.length() + " entries for a batch of "
                    + like.size(0) + " (shape " + Arrays.toString(like.shape()) + ")");
        }
        long[] shape = new long[like.rank()];
        Arrays.fill(shape, 1);
        shape[0] = v.length();
        return v.reshape(shape).castTo(like.dataType());
    }

    /** {@code x * v[b]} for each row b, as a new array. */
    public static INDArray scaleRows(INDArray x, INDArray v) {
        return x.mul(rowShaped(v, x));
    }
}
