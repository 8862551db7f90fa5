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

    /** Frames [from, to) along axis 1. */
    static INDArray frames(INDArray x, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[1] = NDArrayIndex.interval(from, to);
        return x.get(idx);
    }
}
