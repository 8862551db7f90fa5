package io.latentemu.core.diffusion;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a denoiser or predictor is told besides the noisy window: the known entries (context) and the
 * simulation parameters of each batch row.
 *
 * <p>{@code values} and {@code mask} have the shape of the generated tensor, e.g. a window
 * {@code [B, L, C, H, W]}. {@code mask} holds 1 where an entry is known (typically the first c frames
 * of the window) and 0 elsewhere; {@code values} holds the known entries' clean values and 0 elsewhere.
 * Both are absent for unconditional generation. {@code parameters} is {@code [B, P]}, or absent.
 * Networks receive the mask as extra input channels, as the study does.
 *
 * @param values     clean known values, zero where unknown; null without context
 * @param mask       1 where known, 0 elsewhere, same shape as values; null without context
 * @param parameters simulation parameters {@code [B, P]}; null when the model takes none
 */
public record Conditioning(INDArray values, INDArray mask, INDArray parameters) {

    private static final Conditioning NONE = new Conditioning(null, null, null);

    public Conditioning {
        if ((values == null) != (mask == null)) {
            throw new IllegalArgumentException("context values and mask must be given together");
        }
        if (values != null && !Arrays.equals(values.shape(), mask.shape())) {
            throw new IllegalArgumentException("context values " + Arrays.toString(values.shape())
                    + " and mask " + Arrays.toString(mask.shape()) + " must have the same shape");
        }
        if (parameters != null && parameters.rank() != 2) {
            throw new IllegalArgumentException("simulation parameters must be [B, P], got "
                    + Arrays.toString(parameters.shape()));
        }
        if (values != null && parameters != null && values.size(0) != parameters.size(0)) {
            throw new IllegalArgumentException("context has " + values.size(0) + " rows but parameters have "
                    + parameters.size(0));
        }
    }

    /** No context, no parameters: unconditional generation. */
    public static Conditioning none() {
        return NONE;
    }

    /** Simulation parameters only ({@code [B, P]}, may be null). */
    public static Conditioning ofParameters(INDArray parameters) {
        return new Conditioning(null, null, parameters);
    }

    /**
     * The first {@code known} frames (axis 1) of {@code window} are context, the rest is to be generated.
     *
     * @param window     {@code [B, L, ...]}; only its first {@code known} frames are read
     * @param known      number of context frames, in [0, L]
     * @param parameters {@code [B, P]} or null
     */
    public static Conditioning knownFrames(INDArray window, int known, INDArray parameters) {
        long frames = window.size(1);
        if (known < 0 || known > frames) {
            throw new IllegalArgumentException("known frames " + known + " outside [0, " + frames + "]");
        }
        INDArray mask = Nd4j.zeros(window.dataType(), window.shape());
        if (known > 0) {
            mask.get(frameRange(window.rank(), 0, known)).assign(1.0);
        }
        return new Conditioning(window.mul(mask), mask, parameters);
    }

    /**
     * A window of {@code frames} frames whose first {@code context.size(1)} frames are the given context.
     *
     * @param context    {@code [B, c, ...]}
     * @param frames     window length L &gt; c
     * @param parameters {@code [B, P]} or null
     */
    public static Conditioning contextWindow(INDArray context, int frames, INDArray parameters) {
        int known = (int) context.size(1);
        if (frames <= known) {
            throw new IllegalArgumentException("window of " + frames + " frames leaves nothing to generate after "
                    + known + " context frames");
        }
        long[] shape = context.shape().clone();
        shape[1] = frames;
        INDArray window = Nd4j.zeros(context.dataType(), shape);
        window.get(frameRange(shape.length, 0, known)).assign(context);
        return knownFrames(window, known, parameters);
    }

    /** Whether some entries are known. */
    public boolean hasContext() {
        return mask != null;
    }

    /** Shape of the generated tensor when context fixes it, else null. */
    public long[] shape() {
        return values == null ? null : values.shape();
    }

    /**
     * Each row repeated {@code times} times in a row ({@code b*times + k}), e.g. to run K ensemble
     * members of B trajectories in one batch.
     */
    public Conditioning repeatRows(int times) {
        if (times == 1) {
            return this;
        }
        return new Conditioning(repeat(values, times), repeat(mask, times), repeat(parameters, times));
    }

    /** Rows [from, to) of every array. */
    public Conditioning rows(long from, long to) {
        return new Conditioning(rowSlice(values, from, to), rowSlice(mask, from, to), rowSlice(parameters, from, to));
    }

    static INDArrayIndex[] frameRange(int rank, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[1] = NDArrayIndex.interval(from, to);
        return idx;
    }

    private static INDArray rowSlice(INDArray a, long from, long to) {
        if (a == null) {
            return null;
        }
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[0] = NDArrayIndex.interval(from, to);
        return a.get(idx).dup();
    }

    static INDArray repeat(INDArray a, int times) {
        if (a == null) {
            return null;
        }
        return a.repeat(0, times);
    }
}
