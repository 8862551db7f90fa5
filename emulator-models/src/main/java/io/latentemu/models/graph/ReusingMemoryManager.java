package io.latentemu.models.graph;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff session memory manager that recycles every array of a run into the next run of the same graph, and
 * within a run returns an array to the pool right after the last op that reads it.
 *
 * <p>Why recycling across runs: SameDiff M2.1's default manager releases almost nothing during a gradient run
 * (measured: 1,255 arrays, 5.4 GB, allocated per training step of the benchmark ViT and 5 released; its gradient
 * runs switch its own release logic off), so every step allocates its activations afresh. Fresh native memory
 * costs a page fault per 4 KiB page on first touch, about 5 ms per MB on the machines we measured, which made a
 * 1-second step take 20-30 seconds. A graph run with the same shapes requests the same array sizes every time,
 * so arrays kept from the previous run serve the next one. A request takes the smallest free buffer up to twice its
 * size, so which buffer serves which array settles over the first two or three runs; after that a run allocates
 * nothing.
 *
 * <p>Why release within a run: without it a run's working set is the sum of all its arrays (about 1 GB for a
 * quickstart ViT training step). With {@link #beginRun(SameDiff, Set)} the manager knows the graph and the
 * outputs the run must return; it counts how many ops of the executed subgraph read each variable, and
 * {@link LivenessListener} reports each executed op, so a variable's buffer goes back to the pool once its last
 * reader has run. Buffers are tracked by address, so an op output that aliases an input (identity, in-place
 * assign, views) keeps the shared buffer alive as long as either variable is.
 *
 * <p>Contract: arrays produced by run k are recycled when run k+1 begins; callers that keep an output beyond
 * that must copy it. Requested outputs are never released during their run. Arrays this manager did not
 * allocate are never touched. SameDiff's own {@code release} calls are ignored: liveness here is the one
 * mechanism that returns buffers.
 */
public final class ReusingMemoryManager implements SessionMemMgr {

    /** Free buffers by type and length (in elements). */
    private final Map<DataType, TreeMap<Long, Deque<INDArray>>> free = new HashMap<>();
    /** Buffers handed out in this run and not yet returned. */
    private final Set<INDArray> ownedThisRun = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The same buffers by native start address, to find the buffer an op output lives in. */
    private final TreeMap<Long, INDArray> ownedByAddress = new TreeMap<>();
    /** The run in which each buffer was last handed out. */
    private final Map<INDArray, Long> lastUse = new IdentityHashMap<>();
    private final boolean releaseAfterLastUse;
    private long run;
    private long allocatedBytes;
    private long liveBytes;
    private long peakLiveBytes;
    private int freshThisRun;

    /** Reader counts per set of requested outputs, computed once each (a session runs one graph). */
    private final Map<Set<String>, Map<String, Integer>> plans = new HashMap<>();
    /** The graph this run executes (null: no liveness, as after {@link #beginRun()}). */
    private SameDiff graph;
    private Set<String> kept = Set.of();
    /** Readers of each variable still to run in this run. */
    private final Map<String, Integer> readersLeft = new HashMap<>();
    /** The buffer holding each variable produced in this run and still live. */
    private final Map<String, INDArray> bufferOf = new HashMap<>();
    /** How many live variables hold each buffer. */
    private final Map<INDArray, Integer> holders = new IdentityHashMap<>();
    private final Set<String> released = new HashSet<>();

    /** A manager that releases buffers after their last reader. */
    public ReusingMemoryManager() {
        this(true);
    }

    /**
     * A manager; {@code releaseAfterLastUse} false keeps every array of a run until the next run begins (the
     * behaviour before liveness, kept for comparison and as a fallback).
     */
    public ReusingMemoryManager(boolean releaseAfterLastUse) {
        this.releaseAfterLastUse = releaseAfterLastUse;
    }

    /**
     * Makes every array of the previous run available again, with no release during the new run. Buffers the
     * previous run did not need (left over from runs of other shapes) are freed, so the footprint follows the
     * working set of the latest run.
     */
    public void beginRun() {
        closeFree(run);
        for (INDArray base : ownedThisRun) {
            pool(base);
        }
        ownedThisRun.clear();
        ownedByAddress.clear();
        readersLeft.clear();
        bufferOf.clear();
        holders.clear();
        released.clear();
        graph = null;
        kept = Set.of();
        liveBytes = 0;
        peakLiveBytes = 0;
        freshThisRun = 0;
        run++;
    }

    /**
     * Begins a run of {@code sd} that returns {@code outputs}: as {@link #beginRun()}, and each variable's buffer
     * returns to the pool after the last op of the run that reads it (unless this manager was made without
     * release).
     */
    public void beginRun(SameDiff sd, Set<String> outputs) {
        beginRun();
        if (!releaseAfterLastUse) {
            return;
        }
        graph = sd;
        kept = Set.copyOf(outputs);
        readersLeft.putAll(plans.computeIfAbsent(kept, o -> ReaderCounts.of(sd, o)));
    }

    /** Bytes of native memory this manager holds (its footprint). */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /**
     * The largest number of bytes handed out and not yet returned during the current run, taken after each op has
     * run (its outputs allocated, its inputs not yet returned).
     */
    public long peakLiveBytes() {
        return peakLiveBytes;
    }

    /** How many buffers the current run has had to allocate because none in the pool fitted. */
    public int freshAllocations() {
        return freshThisRun;
    }

    /**
     * Checks, before {@code op} of the current run executes, that none of its inputs was released: that would
     * mean the executed ops differ from the subgraph the reader counts were taken from.
     */
    void beforeOp(SameDiff sd, SameDiffOp op) {
        if (sd != graph) {
            return;
        }
        for (String in : inputs(op)) {
            if (released.contains(in)) {
                throw new IllegalStateException("variable " + in + " was released before op " + op.getName()
                        + " read it; run with new ReusingMemoryManager(false) and report this graph");
            }
        }
    }

    /** Records the outputs of an executed op and returns the buffers whose last reader it was. */
    void afterOp(SameDiff sd, SameDiffOp op, INDArray[] outputs) {
        if (sd != graph) {
            return;
        }
        List<String> names = op.getOutputsOfOp();
        for (int i = 0; outputs != null && i < outputs.length && i < names.size(); i++) {
            INDArray base = outputs[i] == null ? null : bufferContaining(outputs[i]);
            if (base != null && bufferOf.putIfAbsent(names.get(i), base) == null) {
                holders.merge(base, 1, Integer::sum);
            }
        }
        peakLiveBytes = Math.max(peakLiveBytes, liveBytes);
        for (String in : inputs(op)) {
            Integer left = readersLeft.computeIfPresent(in, (k, n) -> n - 1);
            if (left != null && left == 0) {
                release(in);
            }
        }
        for (String out : names) {
            if (!readersLeft.containsKey(out)) {
                release(out);   // read by no op of this run
            }
        }
    }

    private static String[] inputs(SameDiffOp op) {
        List<String> in = op.getInputsToOp();
        return in == null ? new String[0] : in.toArray(new String[0]);
    }

    /**
     * Takes back an array this manager handed out in the current run that no variable holds (an op output that
     * the op did not use, as {@link ReshapeViewSession} does for the reshapes it turns into views). Others are ignored.
     */
    void giveBack(INDArray array) {
        INDArray base = array == null ? null : bufferContaining(array);
        if (base != null && !holders.containsKey(base)) {
            returnToPool(base);
        }
    }

    private void release(String variable) {
        if (kept.contains(variable)) {
            return;
        }
        INDArray base = bufferOf.remove(variable);
        if (base == null) {
            return;   // a placeholder, parameter or constant, or an array that is not ours
        }
        released.add(variable);
        if (holders.merge(base, -1, Integer::sum) == 0) {
            holders.remove(base);
            returnToPool(base);
        }
    }

    /** Puts a buffer handed out in this run, that nothing holds any more, back in the pool. */
    private void returnToPool(INDArray base) {
        if (ownedThisRun.remove(base)) {
            ownedByAddress.remove(base.data().address());
            liveBytes -= bytes(base);
            pool(base);
        }
    }

    private INDArray bufferContaining(INDArray array) {
        if (array.isEmpty()) {
            return null;
        }
        long address = array.data().address();
        Map.Entry<Long, INDArray> e = ownedByAddress.floorEntry(address);
        if (e == null || address >= e.getKey() + bytes(e.getValue())) {
            return null;
        }
        return e.getValue();
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return take(dataType, shape, 'c');
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) {
            return Nd4j.create(descriptor);
        }
        return take(descriptor.dataType(), descriptor.getShape(), descriptor.getOrder());
    }

    @Override
    public INDArray ulike(INDArray array) {
        return take(array.dataType(), array.shape(), array.ordering());
    }

    @Override
    public INDArray dup(INDArray array) {
        return ulike(array).assign(array);
    }

    /** Ignored: SameDiff's tracker is off in gradient runs and liveness here decides when a buffer is free. */
    @Override
    public void release(INDArray array) {
    }

    @Override
    public void close() {
        beginRun();
        closeFree(Long.MAX_VALUE);
        plans.clear();
    }

    /** Frees the pooled buffers last handed out before run {@code before}. */
    private void closeFree(long before) {
        for (TreeMap<Long, Deque<INDArray>> byLength : free.values()) {
            for (Deque<INDArray> q : byLength.values()) {
                q.removeIf(a -> {
                    if (lastUse.getOrDefault(a, -1L) >= before) {
                        return false;
                    }
                    lastUse.remove(a);
                    allocatedBytes -= bytes(a);
                    if (a.closeable()) {
                        a.close();
                    }
                    return true;
                });
            }
            byLength.values().removeIf(Deque::isEmpty);
        }
    }

    private INDArray take(DataType type, long[] shape, char order) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        length = Math.max(length, 1);
        INDArray base = null;
        TreeMap<Long, Deque<INDArray>> byLength = free.get(type);
        if (byLength != null) {
            // the smallest free buffer that fits, at most twice as long as needed
            Map.Entry<Long, Deque<INDArray>> e = byLength.ceilingEntry(length);
            if (e != null && e.getKey() <= 2 * length) {
                base = e.getValue().pollFirst();
                if (e.getValue().isEmpty()) {
                    byLength.remove(e.getKey());
                }
            }
        }
        if (base == null) {
            base = Nd4j.createUninitializedDetached(type, length);
            allocatedBytes += length * type.width();
            freshThisRun++;
        }
        ownedThisRun.add(base);
        ownedByAddress.put(base.data().address(), base);
        liveBytes += bytes(base);
        if (graph == null) {
            peakLiveBytes = Math.max(peakLiveBytes, liveBytes);   // without liveness nothing returns within a run
        }
        lastUse.put(base, run);
        return shape.length == 0 ? Nd4j.create(base.data(), new long[0])
                : Nd4j.create(base.data(), shape, Nd4j.getStrides(shape, order), 0, order);
    }

    private static long bytes(INDArray base) {
        return base.data().length() * base.dataType().width();
    }

    private void pool(INDArray base) {
        free.computeIfAbsent(base.dataType(), t -> new TreeMap<>())
                .computeIfAbsent(base.data().length(), l -> new ArrayDeque<>())
                .add(base);
    }
}
