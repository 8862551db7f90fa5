package io.latentemu.core.diffusion;

import io.latentemu.core.Broadcast;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The context of a {@link Conditioning} in a working data type, precomputed once per sampling run:
 * {@code keep = 1 - mask} and {@code known = mask * values}, so that writing the context into a tensor
 * costs two operations, exact for a 0/1 mask and finite values.
 */
final class PreparedContext {

    private final INDArray keep;
    private final INDArray known;
    /** Buffers of {@link #injectReusing}, made on first use. */
    private INDArray injected;
    private INDArray scaledKnown;

    PreparedContext(Conditioning conditioning, DataType type) {
        INDArray mask = conditioning.mask().castTo(type);
        this.keep = mask.rsub(1.0);
        this.known = conditioning.values().castTo(type).mul(mask);
    }

    /** Known entries replaced by {@code sqrt(1 + sigma^2)} times their value (a new array). */
    INDArray inject(INDArray xt, INDArray sigma) {
        return injectInto(xt, sigma, xt.ulike(), keep.ulike());
    }

    /**
     * As {@link #inject} into a buffer of this context that the next call overwrites: for a sampler's
     * denoiser input, which is not needed once the denoiser has returned.
     */
    INDArray injectReusing(INDArray xt, INDArray sigma) {
        if (injected == null) {
            injected = keep.ulike();
            scaledKnown = keep.ulike();
        }
        return injectInto(xt, sigma, injected, scaledKnown);
    }

    /** {@code out = xt keep + sqrt(1 + sigma^2) known}, row by row, with {@code scratch} for the second term. */
    private INDArray injectInto(INDArray xt, INDArray sigma, INDArray out, INDArray scratch) {
        INDArray scale = Transforms.sqrt(sigma.castTo(xt.dataType()).mul(sigma).addi(1.0), false);
        scratch.assign(known).muli(Broadcast.rowShaped(scale, known));
        return out.assign(xt).muli(keep).addi(scratch);
    }

    /** Known entries of {@code x} replaced by their values, written into {@code out}; returns out. */
    INDArray clampInto(INDArray x, INDArray out) {
        return out.assign(x).muli(keep).addi(known);
    }

    /** Whether this was prepared for tensors of the type and shape of {@code x}. */
    boolean matches(INDArray x) {
        return keep.dataType() == x.dataType() && java.util.Arrays.equals(keep.shape(), x.shape());
    }

    /** Known entries replaced by their values (a new array). */
    INDArray clamp(INDArray x) {
        return clampInto(x, x.ulike());
    }
}
