package io.latentemu.models.graph;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.autodiff.samediff.internal.SessionMemMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff session memory manager that recycles every array of a run into the next run of the same graph.
 *
 * <p>Why: SameDiff M2.1's default manager releases almost nothing during a gradient run (measured: 1,255
 * arrays, 5.4 GB, allocated per training step of the benchmark ViT and 5 released), so every step allocates its
 * activations afresh. Fresh native memory costs a page fault per 4 KiB page on first touch, about 5 ms per MB on
 * the machines we measured, which made a 1-second step take 20-30 seconds. A graph run with the same shapes
 * requests the same array sizes every time, so arrays kept from the previous run serve the next one exactly.
 *
 * <p>Contract: arrays produced by run k are recycled when run k+1 begins ({@link #beginRun()}); callers that
 * keep an output beyond that must copy it. Arrays the session releases during a run are reused within the run.
 * Arrays this manager did not allocate are never touched.
 */
public final class ReusingMemoryManager implements SessionMemMgr {

    /** Free buffers by type and length (in elements). */
    private final Map<DataType, TreeMap<Long, Deque<INDArray>>> free = new HashMap<>();
    /** Arrays handed out since the run began, mapped to the buffer owner they view. */
    private final Map<INDArray, INDArray> handedOut = new IdentityHashMap<>();
    private final Set<INDArray> ownedThisRun = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The run in which each buffer was last handed out. */
    private final Map<INDArray, Long> lastUse = new IdentityHashMap<>();
    private long run;
    private long allocatedBytes;

    /**
     * Makes every array of the previous run available again. Buffers the previous run did not need (left over
     * from runs of other shapes) are freed, so the footprint follows the working set of the latest run.
     */
    public void beginRun() {
        closeFree(run);
        for (INDArray base : ownedThisRun) {
            pool(base);
        }
        ownedThisRun.clear();
        handedOut.clear();
        run++;
    }

    /** Bytes of native memory this manager holds (its footprint). */
    public long allocatedBytes() {
        return allocatedBytes;
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

    @Override
    public void release(INDArray array) {
        INDArray base = handedOut.remove(array);
        if (base != null && ownedThisRun.remove(base)) {
            pool(base);
        }
    }

    @Override
    public void close() {
        beginRun();
        closeFree(Long.MAX_VALUE);
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
                    allocatedBytes -= a.data().length() * a.dataType().width();
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
        }
        ownedThisRun.add(base);
        lastUse.put(base, run);
        INDArray view = shape.length == 0 ? Nd4j.create(base.data(), new long[0])
                : Nd4j.create(base.data(), shape, Nd4j.getStrides(shape, order), 0, order);
        handedOut.put(view, base);
        return view;
    }

    private void pool(INDArray base) {
        free.computeIfAbsent(base.dataType(), t -> new TreeMap<>())
                .computeIfAbsent(base.data().length(), l -> new ArrayDeque<>())
                .add(base);
    }
}
