package io.latentemu.models.graph;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.config.ExecutionResult;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.internal.AbstractSession;
import org.nd4j.autodiff.samediff.internal.FrameIter;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Assign;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.shape.Shape;

/**
 * A SameDiff session that executes C-order reshapes of contiguous arrays as views of their input instead of
 * copies.
 *
 * <p>Why: libnd4j's {@code reshape} op copies its input with a single-threaded {@code memcpy}, and while it runs the
 * second core waits. The networks reshape around every norm and pixel shuffle (66 reshapes in the benchmark
 * autoencoder's graph); a CPU profile put 6% of the main thread's time of a forward pass in those copies
 * (docs/performance.md).
 *
 * <p>How: SameDiff allocates the reshape's output before it runs; this session gives that buffer back to its
 * {@link ReusingMemoryManager} and returns a view of the input. The manager tracks buffers by address, so the
 * input's buffer stays live while the view is read. The one op SameDiff runs in place, {@code Assign}, writes
 * into its first input, so a reshape that an {@code Assign} reads is copied as before; every other op writes only
 * its own outputs, so sharing is safe. A reshape of a non-contiguous input (a strided view), in F order, or of an
 * empty array runs libnd4j's op as before too, and so does every reshape when the session's manager is not a
 * {@link ReusingMemoryManager}. Like its superclass it runs the oneDNN ops.
 */
final class ReshapeViewSession extends JavaOpSession {

    ReshapeViewSession(SameDiff graph) {
        super(graph);
    }

    @Override
    public ExecutionResult doExec(DifferentialFunction op, OpContext context, FrameIter frame,
                                  Set<AbstractSession.VarId> opInputs, Set<AbstractSession.VarId> allIterInputs,
                                  Set<String> constAndPhInputs, Map<String, SDValue> otherPlaceholders) {
        if (op instanceof Reshape && getMmgr() instanceof ReusingMemoryManager manager && !readByAssign(op)) {
            INDArray view = view((Reshape) op, context);
            if (view != null) {
                manager.giveBack(context.getOutputArray(0));
                return ExecutionResult.createFrom(op.outputVariablesNames()[0], view);
            }
        }
        return super.doExec(op, context, frame, opInputs, allIterInputs, constAndPhInputs, otherPlaceholders);
    }

    private boolean readByAssign(DifferentialFunction op) {
        Variable out = sameDiff.getVariables().get(op.outputVariablesNames()[0]);
        List<String> readers = out == null ? null : out.getInputsForOp();
        if (readers != null) {
            for (String reader : readers) {
                SameDiffOp r = sameDiff.getOps().get(reader);
                if (r != null && r.getOp() instanceof Assign) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The reshape as a view of its input, or null where a view would not be the op's result. */
    static INDArray view(Reshape op, OpContext context) {
        long[] iArgs = op.iArgs();
        boolean cOrder = iArgs.length == 0 || iArgs[0] == Reshape.C_ORDER;
        INDArray in = context.getInputArray(0);
        INDArray out = context.getOutputArray(0);
        if (!cOrder || in == null || out == null || in.isEmpty() || in.length() != out.length()
                || in.dataType() != out.dataType() || in.ordering() != 'c' || !Shape.hasDefaultStridesForShape(in)) {
            return null;
        }
        INDArray view = in.reshape('c', out.shape());
        // a view wraps the same native memory in a new buffer object
        boolean shared = view.data().address() == in.data().address() && view.offset() == in.offset();
        return shared ? view : null;
    }
}
