package io.latentemu.core.rollout;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Window arithmetic shared by the emulators. */
final class Windows {

    private Windows() {
    }

    static void check(int window, int context) {
        if (context < 1 || window <= context) {
            throw new IllegalArgumentException("need 1 <= context < window, got context " + context
                    + " and window " + window);
        }
    }

    static void checkContext(Emulator e, INDArray context) {
        if (context.rank() < 3 || context.size(1) != e.context()) {
            throw new IllegalArgumentException("context must be [N, " + e.context() + ", ...], got "
                    + Arrays.toString(context.shape()));
        }
    }

    /** Frames [from, to) along axis 1 (a view). */
    static INDArray frames(INDArray x, long from, long to) {
        return x.get(frameIndex(x.rank(), from, to));
    }

    /** The index of frames [from, to) along axis 1 of a rank-{@code rank} array. */
    static INDArrayIndex[] frameIndex(int rank, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[rank];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[1] = NDArrayIndex.interval(from, to);
        return idx;
    }
}
