package io.latentemu.models.graph;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Fill;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Counts the floating-point operations of the convolutions and matrix products a graph run executes
 * (2 per multiply-add, from the shapes of the arrays actually used), the usual yardstick of a network's cost.
 * Element-wise ops, norms and softmax are not counted: they are a small fraction of the work and are
 * memory-bound. Nor are the products by constant rows or columns of ones that
 * {@link io.latentemu.models.nn.Broadcasts} uses to broadcast (ones made by a fill, possibly reshaped), nor the
 * rotary code's signed permutation matrix: they stand for element-wise work.
 */
public final class FlopCounter extends BaseListener {

    private long flops;

    /** FLOPs of the convolutions and matrix products executed while {@code run} runs on {@code graph}. */
    public static long count(ModelGraph graph, Runnable run) {
        SameDiff sd = graph.sameDiff();
        List<Listener> before = new ArrayList<>(sd.getListeners());
        FlopCounter counter = new FlopCounter();
        sd.addListeners(counter);
        try {
            run.run();
        } finally {
            sd.setListeners(before);
        }
        return counter.flops;
    }

    /**
     * Whether a product is one of {@link io.latentemu.models.nn.Broadcasts}' (not network work): an operand is a
     * filled array, or a constant row or column whose entries are all equal (ones, or 1/d for a mean).
     */
    private static boolean broadcastHelper(SameDiff sd, SameDiffOp op) {
        for (String input : op.getInputsToOp()) {
            SDVariable v = sd.getVariable(input);
            var producer = sd.getVariableOutputOp(input);
            while (producer instanceof Reshape) {
                producer = sd.getVariableOutputOp(producer.arg(0).name());
            }
            if (v.getVariableType() == VariableType.CONSTANT) {
                INDArray c = v.getArr();
                boolean vector = c.rank() == 2 && (c.size(0) == 1 || c.size(1) == 1);
                if (vector && c.minNumber().doubleValue() == c.maxNumber().doubleValue() || signedPermutation(c)) {
                    return true;
                }
            } else if (producer instanceof Fill) {
                return true;
            }
        }
        return false;
    }

    /** A square matrix with one entry +-1 per row and column and zeros elsewhere (the rotary code's rotateHalf). */
    private static boolean signedPermutation(INDArray c) {
        if (c.rank() != 2 || c.size(0) != c.size(1)) {
            return false;
        }
        INDArray a = org.nd4j.linalg.ops.transforms.Transforms.abs(c, true);
        return a.sumNumber().doubleValue() == c.size(0) && a.maxNumber().doubleValue() == 1.0
                && a.sum(0).minNumber().doubleValue() == 1.0 && a.sum(1).minNumber().doubleValue() == 1.0;
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        if (outputs == null || outputs.length == 0 || opContext == null) {
            return;
        }
        if (op.getOp() instanceof Conv2D) {
            long[] w = opContext.getInputArray(1).shape();
            flops += 2L * outputs[0].length() * w[0] * w[1] * w[2];
        } else if (op.getOp() instanceof Mmul && !broadcastHelper(sd, op)) {
            // batch * K^2 = |a| |b| / |out| whatever the transposes; batch = |out| / (M N)
            INDArray a = opContext.getInputArray(0);
            INDArray b = opContext.getInputArray(1);
            long[] out = outputs[0].shape();
            double m = out.length >= 2 ? out[out.length - 2] : 1;
            double n = out[out.length - 1];
            double batches = outputs[0].length() / (m * n);
            double k = Math.sqrt((double) a.length() * b.length() / outputs[0].length() / batches);
            flops += Math.round(2.0 * outputs[0].length() * k);
        }
    }
}
