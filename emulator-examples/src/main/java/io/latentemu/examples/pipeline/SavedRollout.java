package io.latentemu.examples.pipeline;

import io.latentemu.core.rollout.Emulator;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Plays back an emulation saved by the rollout stage, so that evaluating it runs through core's
 * {@link io.latentemu.core.rollout.RolloutEvaluator} exactly as a live emulator would: call j returns, for
 * row {@code b*K + k}, the saved states {@code j*h .. j*h + h - 1} of trajectory b, member k (the last state
 * repeated beyond the saved ones). Stateful: use a fresh instance per evaluation.
 */
final class SavedRollout implements Emulator {

    private final INDArray rows;   // [B*K, T, ...]
    private final int window;
    private final int context;
    private int calls;

    /**
     * @param latents {@code [B, K, T, ...]} as saved
     * @param window  frames per window L of the emulator that made them
     * @param context known frames c
     */
    SavedRollout(INDArray latents, int window, int context) {
        long[] s = latents.shape();
        long[] flat = Arrays.copyOfRange(s, 1, s.length);
        flat[0] = s[0] * s[1];
        this.rows = latents.reshape(flat);
        this.window = window;
        this.context = context;
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public int context() {
        return context;
    }

    @Override
    public synchronized INDArray next(INDArray contextStates, INDArray parameters, long[] seeds) {
        if (contextStates.size(0) != rows.size(0)) {
            throw new IllegalStateException("saved rollout has " + rows.size(0) + " rows, asked for " + contextStates.size(0));
        }
        int h = horizon();
        long from = (long) calls * h;
        long saved = rows.size(1);
        calls++;
        INDArray[] frames = new INDArray[h];
        for (int i = 0; i < h; i++) {
            long t = Math.min(from + i, saved - 1);
            INDArrayIndex[] idx = new INDArrayIndex[rows.rank()];
            Arrays.fill(idx, NDArrayIndex.all());
            idx[1] = NDArrayIndex.interval(t, t + 1);
            frames[i] = rows.get(idx);
        }
        return Nd4j.concat(1, frames).castTo(contextStates.dataType());
    }
}
