package io.latentemu.models.graph;

import io.latentemu.models.onednn.OneDnnOp;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.config.ExecutionResult;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.internal.AbstractSession;
import org.nd4j.autodiff.samediff.internal.FrameIter;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.ops.OpContext;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A SameDiff session that also runs the ops libnd4j does not have: the {@link OneDnnOp}s, which call oneDNN from
 * Java. SameDiff prepares them like any custom op (inputs set, outputs allocated by the session's memory manager
 * from the op's output shapes); this session then calls {@link OneDnnOp#execute} instead of libnd4j.
 *
 * <p>{@link ModelGraph} installs one for each thread that runs a graph. A graph with such ops run by another
 * session fails with a message that says so.
 */
public class JavaOpSession extends InferenceSession {

    JavaOpSession(SameDiff graph) {
        super(graph);
    }

    /**
     * Installs a session of this kind for the calling thread on {@code graph}, and on its gradient function if
     * it has one, unless one is there (a session it replaces hands over its memory manager): then
     * {@code graph.output(...)} and {@code graph.calculateGradients(...)} run graphs with {@link OneDnnOp}s
     * outside a {@link ModelGraph}, on this thread. For gradients call {@code graph.createGradFunction()} first.
     */
    public static void install(SameDiff graph) {
        for (SameDiff g : new SameDiff[]{graph, graph.getFunction("grad")}) {
            if (g != null) {
                forThisThread(g, s -> s instanceof JavaOpSession, JavaOpSession::new);
            }
        }
    }

    /**
     * The calling thread's session on {@code graph}: the one there if it {@code fits}, else a new one from
     * {@code make}, which takes over the memory manager (and so the array pool) of the session it replaces.
     */
    static InferenceSession forThisThread(SameDiff graph, Predicate<InferenceSession> fits,
                                          Function<SameDiff, InferenceSession> make) {
        return graph.getSessions().compute(Thread.currentThread().getId(), (id, s) -> {
            if (s != null && fits.test(s)) {
                return s;
            }
            InferenceSession fresh = make.apply(graph);
            if (s != null) {
                fresh.setMmgr(s.getMmgr());
            }
            return fresh;
        });
    }

    @Override
    public ExecutionResult doExec(DifferentialFunction op, OpContext context, FrameIter frame,
                                  Set<AbstractSession.VarId> opInputs, Set<AbstractSession.VarId> allIterInputs,
                                  Set<String> constAndPhInputs, Map<String, SDValue> otherPlaceholders) {
        if (op instanceof OneDnnOp javaOp) {
            javaOp.execute(context);
            return ExecutionResult.createFrom(op, context);
        }
        return super.doExec(op, context, frame, opInputs, allIterInputs, constAndPhInputs, otherPlaceholders);
    }
}
