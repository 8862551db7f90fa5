package io.latentemu.models.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;

/**
 * How many ops of a graph run read each variable: the run executes the ops its requested outputs depend on
 * (through op inputs and control dependencies, as SameDiff's session selects them), and each occurrence of a
 * variable among an executed op's inputs counts once.
 */
final class ReaderCounts {

    private ReaderCounts() {
    }

    /** Reader counts of every variable read by the ops a run of {@code sd} returning {@code outputs} executes. */
    static Map<String, Integer> of(SameDiff sd, Set<String> outputs) {
        Map<String, Integer> counts = new HashMap<>();
        for (String opName : executedOps(sd, outputs)) {
            List<String> in = sd.getOps().get(opName).getInputsToOp();
            if (in != null) {
                for (String v : in) {
                    counts.merge(v, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The ops the requested outputs depend on, following inputs and control dependencies. */
    static Set<String> executedOps(SameDiff sd, Set<String> outputs) {
        Set<String> ops = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            Variable v = sd.getVariables().get(name);
            if (v == null) {
                continue;   // a control dependency may name an op rather than a variable
            }
            addAll(todo, v.getControlDeps());
            DifferentialFunction producer = sd.getVariableOutputOp(name);
            if (producer == null || !ops.add(producer.getOwnName())) {
                continue;
            }
            SameDiffOp op = sd.getOps().get(producer.getOwnName());
            addAll(todo, op.getInputsToOp());
            addAll(todo, op.getControlDeps());
            addAll(todo, op.getVarControlDeps());
        }
        return ops;
    }

    private static void addAll(Deque<String> todo, List<String> names) {
        if (names != null) {
            todo.addAll(names);
        }
    }
}
