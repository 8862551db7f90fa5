package io.latentemu.core.rollout;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Replays known trajectories: call j returns the true states that follow the context. Through a
 * {@link Rollout} in latent space (given the encoded truth) it measures the autoencoder's
 * reconstruction error along the same code path as the emulators; in pixel space it is the oracle
 * whose errors are all zero. It checks that each context it receives is the truth at the expected
 * position, so it also verifies the rollout's bookkeeping.
 *
 * <p>Stateful: it counts its calls; use a fresh instance per rollout.
 */
public final class ReplayEmulator extends WindowedEmulator {

    private final INDArray trajectories;
    private final double tolerance;
    private int calls;

    /**
     * @param trajectories the true (latent) states {@code [B, c + T, ...]}, starting with the initial context
     * @param window       frames per window L
     * @param context      known frames per call c
     * @param tolerance    largest absolute difference accepted between a received context and the truth
     */
    public ReplayEmulator(INDArray trajectories, int window, int context, double tolerance) {
        super(window, context);
        this.trajectories = trajectories;
        this.tolerance = tolerance;
    }

    @Override
    public synchronized INDArray next(INDArray contextStates, INDArray parameters, long[] seeds) {
        Windows.checkContext(this, contextStates);
        long b = trajectories.size(0);
        if (contextStates.size(0) % b != 0) {
            throw new IllegalArgumentException(contextStates.size(0) + " rows are not a multiple of the "
                    + b + " trajectories");
        }
        int members = (int) (contextStates.size(0) / b);
        long start = (long) calls * horizon();           // index of the first context frame
        long end = start + context() + horizon();
        if (end > trajectories.size(1)) {
            // the last call may ask beyond the known states: pad by repeating the last one
            end = trajectories.size(1);
        }
        INDArray truthContext = Windows.frames(trajectories, start, start + context()).repeat(0, members);
        double diff = Transforms.abs(truthContext.sub(contextStates.castTo(truthContext.dataType()))).maxNumber().doubleValue();
        if (diff > tolerance) {
            throw new IllegalStateException("call " + calls + " received a context that differs from the truth at frames "
                    + start + ".." + (start + context() - 1) + " by " + diff);
        }
        INDArray known = Windows.frames(trajectories, start + context(), end).repeat(0, members);
        calls++;
        if (known.size(1) == horizon()) {
            return known.dup();
        }
        INDArray last = Windows.frames(trajectories, trajectories.size(1) - 1, trajectories.size(1)).repeat(0, members);
        INDArray pad = last.repeat(1, horizon() - known.size(1));
        return known.size(1) == 0 ? pad : org.nd4j.linalg.factory.Nd4j.concat(1, known, pad);
    }

    @Override
    public String toString() {
        return "ReplayEmulator" + Arrays.toString(trajectories.shape());
    }
}
