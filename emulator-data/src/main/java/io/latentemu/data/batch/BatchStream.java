package io.latentemu.data.batch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consecutive batches, in step order, prepared ahead by background threads (daemon threads, stopped by
 * {@link #close()}). The batches are those of {@link WellBatches#batch(long)}: prefetching changes timing,
 * never content. An error while preparing a batch is thrown by the {@link #next()} that would return it.
 */
public final class BatchStream implements Iterator<Batch>, AutoCloseable {

    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final WellBatches batches;
    private final long end;
    private final int ahead;
    private final ExecutorService executor;
    private final Deque<Future<Batch>> pending = new ArrayDeque<>();
    private long nextToSubmit;
    private long nextToReturn;
    private boolean closed;

    BatchStream(WellBatches batches, long from, long end, int prefetch, int workers) {
        if (from < 0 || end < from) {
            throw new IllegalArgumentException("steps " + from + " to " + end + " are not a range");
        }
        this.batches = batches;
        this.end = end;
        this.ahead = Math.max(1, prefetch);
        this.nextToSubmit = from;
        this.nextToReturn = from;
        int id = STREAMS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "batch-prefetch-" + id + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = prefetch == 0 ? null : Executors.newFixedThreadPool(workers, factory);
        fill();
    }

    private void fill() {
        if (executor == null) {
            return;
        }
        while (pending.size() < ahead && nextToSubmit < end) {
            long step = nextToSubmit++;
            pending.add(executor.submit(() -> batches.batch(step)));
        }
    }

    @Override
    public boolean hasNext() {
        return !closed && nextToReturn < end;
    }

    /** The step of the batch {@link #next()} returns. */
    public long nextStep() {
        return nextToReturn;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "stream closed" : "no step after " + (end - 1));
        }
        long step = nextToReturn++;
        if (executor == null) {
            return batches.batch(step);
        }
        Future<Batch> f = pending.removeFirst();
        fill();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch of step " + step, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("cannot prepare the batch of step " + step, cause);
        }
    }

    /**
     * Stops preparing batches. Work in progress finishes in the background: worker threads are never
     * interrupted, because interrupting a thread inside a {@code FileChannel} read closes the channel of the
     * file for every other reader.
     */
    @Override
    public void close() {
        closed = true;
        pending.forEach(f -> f.cancel(false));
        pending.clear();
        if (executor != null) {
            executor.shutdown();
        }
    }
}
