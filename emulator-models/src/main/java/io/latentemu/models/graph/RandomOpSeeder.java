package io.latentemu.models.graph;

import io.latentemu.core.Seeds;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;

/**
 * Gives every random op of a graph run its own generator state derived from an explicit seed.
 *
 * <p>SameDiff M2.1 caches one op context per op and never sets its random generator state, so a random op
 * (the uniform draw behind dropout) produces the same numbers on every run, whatever ND4J's global seed.
 * This listener sets the state before each random op executes: run r of the k-th random op gets
 * {@code (mix(seed, 2k), mix(seed, 2k+1))}, a pure function of the seed given with {@link #reset}.
 */
public final class RandomOpSeeder extends BaseListener {

    private long seed;
    private long counter;

    /** Starts a run whose draws derive from {@code seed}. */
    public void reset(long seed) {
        this.seed = seed;
        this.counter = 0;
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        if (op.getOp() instanceof DistributionUniform && opContext != null) {
            long root = Seeds.mix(seed, counter++);
            long node = Seeds.mix(seed, counter++);
            opContext.setRngStates(root, node);
        }
    }
}
