package io.latentemu.models.graph;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;

/**
 * Tells the {@link ReusingMemoryManager} of the running session (this thread's session of the executing graph)
 * which op has just executed, so it can return buffers after their last reader. A graph and its gradient
 * function share their listeners, so one instance serves both.
 */
final class LivenessListener extends BaseListener {

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        ReusingMemoryManager m = manager(sd);
        if (m != null) {
            m.beforeOp(sd, op);
        }
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                            INDArray[] outputs) {
        ReusingMemoryManager m = manager(sd);
        if (m != null) {
            m.afterOp(sd, op, outputs);
        }
    }

    private static ReusingMemoryManager manager(SameDiff sd) {
        InferenceSession s = sd.getSessions().get(Thread.currentThread().getId());
        return s != null && s.getMmgr() instanceof ReusingMemoryManager ? (ReusingMemoryManager) s.getMmgr() : null;
    }
}
