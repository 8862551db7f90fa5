package io.latentemu.models.onednn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.imports.converters.ImportClassMapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A graph op whose work is a oneDNN primitive called from Java, not a libnd4j op.
 *
 * <p>libnd4j cannot run these ops, so SameDiff's own session cannot either: they run in the sessions that
 * {@link io.latentemu.models.graph.ModelGraph} installs ({@code JavaOpSession}), which call {@link #execute}
 * with the inputs and with outputs allocated from {@link #outputShapes}. Inputs and outputs are float32; names
 * are registered in ND4J's op table ({@link #register()}) so that
 * SameDiff can clone the op when it builds gradients.
 */
public abstract class OneDnnOp extends DynamicCustomOp {

    private static boolean registered;

    /** For ND4J's op table and SameDiff's cloning. */
    protected OneDnnOp() {
    }

    /** Adds the op with these inputs to {@code sd} (and the op names to ND4J's table, for SameDiff's cloning). */
    protected OneDnnOp(SameDiff sd, SDVariable... inputs) {
        super(sd, inputs);
        register();
    }

    /** Adds the oneDNN ops to ND4J's op table, where SameDiff finds an op's class by its name; idempotent. */
    public static synchronized void register() {
        if (registered) {
            return;
        }
        registered = true;
        for (OneDnnOp op : new OneDnnOp[]{new RowNorm(), new RowNormGradient(), new Swish(), new SwishGradient()}) {
            ImportClassMapping.getOpNameMapping().putIfAbsent(op.opName(), op);
        }
    }

    /**
     * Computes the outputs (float arrays of {@link #outputShapes}, written in place) from the inputs: by oneDNN
     * where it is {@link OneDnn#available()}, else by the same formula in ND4J's ops (a saved model read by a
     * process on another backend). Inputs that are not dense row-major blocks are copied first.
     */
    public final void execute(INDArray[] inputs, INDArray[] outputs) {
        INDArray[] dense = new INDArray[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dataType() != DataType.FLOAT) {
                throw new IllegalArgumentException(opName() + " takes float32 inputs, input " + i + " is "
                        + inputs[i].dataType());
            }
            dense[i] = OneDnn.dense(inputs[i]);
        }
        for (INDArray out : outputs) {
            OneDnn.requireDense(out, opName() + " output");
        }
        if (OneDnn.runsKernels()) {
            runOneDnn(dense, outputs);
        } else {
            runPortably(dense, outputs);
        }
    }

    /** The oneDNN computation, on dense inputs and outputs. */
    protected abstract void runOneDnn(INDArray[] inputs, INDArray[] outputs);

    /** The same computation with ND4J's ops (any backend), on dense inputs and outputs. */
    protected abstract void runPortably(INDArray[] inputs, INDArray[] outputs);

    /** The shapes of the outputs for inputs of these shapes: by default one output shaped as the first input. */
    protected long[][] outputShapes(long[][] inputShapes) {
        return new long[][]{inputShapes[0].clone()};
    }

    /** The number of outputs: one unless a subclass says otherwise (with {@link #outputShapes}). */
    @Override
    public int getNumOutputs() {
        return 1;
    }

    /** Runs the op on the arrays of a session's op context (inputs set, outputs allocated). */
    public final void execute(OpContext context) {
        List<INDArray> in = context.getInputArrays();
        List<INDArray> out = context.getOutputArrays();
        execute(in.toArray(new INDArray[0]), out.toArray(new INDArray[0]));
    }

    @Override
    public List<LongShapeDescriptor> calculateOutputShape(OpContext context) {
        List<INDArray> in = context != null ? context.getInputArrays() : inputArguments();
        long[][] shapes = new long[in.size()][];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = in.get(i).shape();
        }
        List<LongShapeDescriptor> result = new ArrayList<>();
        for (long[] s : outputShapes(shapes)) {
            result.add(LongShapeDescriptor.fromShape(s, DataType.FLOAT));
        }
        return result;
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
        return Collections.nCopies(getNumOutputs(), DataType.FLOAT);
    }

    /** No properties: the ops take no arguments. */
    @Override
    public Map<String, Object> propertiesForFunction() {
        return Collections.emptyMap();
    }

    /** Fails with the reason: libnd4j has no such op, so a plain SameDiff session cannot run it. */
    @Override
    public long opHash() {
        throw new IllegalStateException("op " + opName() + " (" + getOwnName() + ") is a oneDNN kernel that SameDiff's "
                + "own session cannot run: run the graph through a ModelGraph, or call JavaOpSession.install(graph) "
                + "on this thread first (after createGradFunction() when you need gradients)");
    }

    /** The number of rows of a shape whose last axis holds the columns (all axes but the last, multiplied). */
    static long rows(long[] shape) {
        long n = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            n *= shape[i];
        }
        return n;
    }

    /** A dense array as the matrix of its rows: all axes but the last, by the last. */
    static INDArray asRows(INDArray a) {
        return a.reshape(rows(a.shape()), a.size(a.rank() - 1));
    }
}
