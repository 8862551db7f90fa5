package io.latentemu.models.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A profile of graph runs by op type: wall time spent inside each kind of op (from just before it executes to
 * just after) and how often it ran. The remainder of a run's wall time is SameDiff's own work between ops
 * (scheduling, shape inference, allocation). For finding where the time goes (docs/performance.md).
 */
public final class OpTimer extends BaseListener {

    private final Map<String, long[]> byOp = new LinkedHashMap<>();
    private long started;

    /** Profiles {@code run} on {@code graph} and returns the timer with its totals. */
    public static OpTimer profile(ModelGraph graph, Runnable run) {
        SameDiff sd = graph.sameDiff();
        List<Listener> before = new ArrayList<>(sd.getListeners());
        OpTimer timer = new OpTimer();
        sd.addListeners(timer);
        try {
            run.run();
        } finally {
            sd.setListeners(before);
        }
        return timer;
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        started = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        long elapsed = System.nanoTime() - started;
        long[] entry = byOp.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
        entry[0] += elapsed;
        entry[1]++;
    }

    /** Nanoseconds inside ops, all types. */
    public long totalNanos() {
        return byOp.values().stream().mapToLong(e -> e[0]).sum();
    }

    /** Number of op executions. */
    public long executions() {
        return byOp.values().stream().mapToLong(e -> e[1]).sum();
    }

    /** The op types by time spent, largest first: name, milliseconds, executions. */
    public String table(int rows) {
        StringBuilder sb = new StringBuilder();
        byOp.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed())
                .limit(rows)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "%-28s %10.1f ms %6d runs%n", e.getKey(),
                        e.getValue()[0] / 1e6, e.getValue()[1])));
        sb.append(String.format(Locale.ROOT, "%-28s %10.1f ms %6d runs%n", "(all ops)", totalNanos() / 1e6, executions()));
        return sb.toString();
    }
}
