package io.latentemu.data.batch;

import java.util.SplittableRandom;

/**
 * Which windows make up the batch of each global step, as a pure function of the step: epoch
 * {@code e = step / batchesPerEpoch}; within an epoch, windows in the order of a permutation seeded by
 * {@code (seed, e)} (or in index order without shuffling). A trainer resuming at step n gets exactly the
 * batches the uninterrupted run would have had.
 */
public final class BatchPlan {

    private final int windows;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final long batchesPerEpoch;
    /** The last two permutations, for prefetching across an epoch boundary. */
    private long cachedEpochA = -1;
    private int[] cachedA;
    private long cachedEpochB = -1;
    private int[] cachedB;

    public BatchPlan(int windows, int batchSize, boolean shuffle, boolean dropLast, long seed) {
        if (windows < 1 || batchSize < 1) {
            throw new IllegalArgumentException("need at least one window and a batch size of at least 1");
        }
        if (dropLast && windows < batchSize) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + windows
                    + " windows of the split; lower it or keep the last incomplete batch (dropLast = false)");
        }
        this.windows = windows;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
        this.seed = seed;
        this.batchesPerEpoch = dropLast ? windows / batchSize : (windows + batchSize - 1) / batchSize;
    }

    public long batchesPerEpoch() {
        return batchesPerEpoch;
    }

    public int batchSize() {
        return batchSize;
    }

    public long epochOf(long step) {
        checkStep(step);
        return step / batchesPerEpoch;
    }

    /** The window numbers of the batch of global step {@code step}. */
    public int[] windowsOf(long step) {
        checkStep(step);
        long epoch = step / batchesPerEpoch;
        int k = (int) (step % batchesPerEpoch);
        int from = k * batchSize;
        int to = Math.min(from + batchSize, windows);
        int[] out = new int[to - from];
        if (!shuffle) {
            for (int i = 0; i < out.length; i++) {
                out[i] = from + i;
            }
            return out;
        }
        int[] perm = permutation(epoch);
        System.arraycopy(perm, from, out, 0, out.length);
        return out;
    }

    private static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be non-negative, got " + step);
        }
    }

    /** The visiting order of an epoch: a Fisher-Yates shuffle driven by a generator seeded with (seed, epoch). */
    public synchronized int[] permutation(long epoch) {
        if (epoch == cachedEpochA) {
            return cachedA;
        }
        if (epoch == cachedEpochB) {
            return cachedB;
        }
        int[] p = new int[windows];
        for (int i = 0; i < windows; i++) {
            p[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, epoch, 0x5eed5eedL));
        for (int i = windows - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        cachedEpochB = cachedEpochA;
        cachedB = cachedA;
        cachedEpochA = epoch;
        cachedA = p;
        return p;
    }
}
