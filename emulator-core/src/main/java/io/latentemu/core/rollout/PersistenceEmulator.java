package io.latentemu.core.rollout;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The persistence baseline: the future equals the last known state. Any emulator worth training must
 * beat it.
 *
 * @param window  frames per window L
 * @param context known frames per call c
 */
public record PersistenceEmulator(int window, int context) implements Emulator {

    public PersistenceEmulator {
        Windows.check(window, context);
    }

    @Override
    public INDArray next(INDArray context, INDArray parameters, long[] seeds) {
        Windows.checkContext(this, context);
        return Windows.frames(context, context.size(1) - 1, context.size(1)).repeat(1, horizon());
    }
}
