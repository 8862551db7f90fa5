package io.latentemu.core.train;

/**
 * The training batches, as a pure function of the step: {@code batch(n)} is the same whenever it is
 * asked for, so that a run resumed from a checkpoint sees exactly the batches the uninterrupted run saw.
 * (Shuffle with a seed and the epoch number derived from n, never with a hidden generator.)
 *
 * @param <B> the batch type
 */
public interface BatchSource<B> {

    /** The batch of global step {@code step} (0-based). */
    B batch(long step);

    /** Samples per batch, for the throughput shown on the terminal. */
    int batchSize();
}
