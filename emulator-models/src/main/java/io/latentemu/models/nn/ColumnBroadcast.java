package io.latentemu.models.nn;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An element-wise op between the rows of {@code x [N, d]} and a column {@code v [N, 1]} (each row combined with
 * its own value), run by libnd4j's broadcasting op, with a gradient written for that one pattern.
 *
 * <p>Why: libnd4j's broadcasting ops are fast forward (as fast as a plain element-wise op on the autoencoder's
 * {@code [65536, 32]} pixel rows) but their generic backward passes tile and reduce slowly, which is why
 * {@link Broadcasts} first wrote these broadcasts as products with a row of ones; that product costs a full-size
 * array and a matrix product forward and two more backward (0.8-1.0 ms each inside the autoencoder's graph).
 * The gradients here are one element-wise op and one row sum.
 *
 * <p>Each op carries its own name so that SameDiff, which clones every op through its serialised form when it
 * builds the gradient graph, finds the class again ({@link CustomOps#register()}); natively it runs libnd4j's
 * op of {@link #nativeName()}.
 */
public abstract class ColumnBroadcast extends DynamicCustomOp {

    static {
        CustomOps.register();
    }

    /** For ND4J's op table and SameDiff's cloning. */
    protected ColumnBroadcast() {
    }

    /** Adds {@code op(x, v)} to {@code sd}. */
    protected ColumnBroadcast(SameDiff sd, SDVariable x, SDVariable v) {
        super(sd, new SDVariable[]{x, v});
    }

    /** The libnd4j op this one runs. */
    protected abstract String nativeName();

    @Override
    public long opHash() {
        return getDescriptor().getHash();
    }

    /** The descriptor of the native op. */
    @Override
    public CustomOpDescriptor getDescriptor() {
        return Nd4j.getExecutioner().getCustomOperations().get(nativeName());
    }

    /** No properties (ND4J's op descriptors, which the default reads, do not know the op's name). */
    @Override
    public Map<String, Object> propertiesForFunction() {
        return Collections.emptyMap();
    }

    @Override
    public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
        return Collections.singletonList(inputTypes.get(0));
    }

    /** The row sums of {@code a [N, d]} as {@code [N, 1]}. */
    protected SDVariable rowSums(SDVariable a) {
        return sameDiff.sum(a, true, 1);
    }

    /** {@code x - v}: x gets the gradient unchanged, v minus its row sums. */
    public static final class Subtract extends ColumnBroadcast {

        /** The op's name in graphs and in ND4J's op table. */
        public static final String OP_NAME = "subtract_column";

        /** For ND4J's op table and SameDiff's cloning; not for direct use. */
        public Subtract() {
        }

        private Subtract(SameDiff sd, SDVariable x, SDVariable v) {
            super(sd, x, v);
        }

        /** {@code x [N, d] - v [N, 1]}. */
        public static SDVariable apply(SameDiff sd, SDVariable x, SDVariable v) {
            return new Subtract(sd, x, v).outputVariable();
        }

        @Override
        public String opName() {
            return OP_NAME;
        }

        @Override
        protected String nativeName() {
            return "subtract";
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradients) {
            SDVariable g = gradients.get(0);
            // a variable of its own for x's gradient: SameDiff renames the variable it is given to "<x>-grad"
            return List.of(sameDiff.identity(g), rowSums(g).neg());
        }
    }

    /** {@code x * v}: x gets the gradient scaled by v, v the row sums of gradient times x. */
    public static final class Multiply extends ColumnBroadcast {

        /** The op's name in graphs and in ND4J's op table. */
        public static final String OP_NAME = "multiply_column";

        /** For ND4J's op table and SameDiff's cloning; not for direct use. */
        public Multiply() {
        }

        private Multiply(SameDiff sd, SDVariable x, SDVariable v) {
            super(sd, x, v);
        }

        /** {@code x [N, d] * v [N, 1]}. */
        public static SDVariable apply(SameDiff sd, SDVariable x, SDVariable v) {
            return new Multiply(sd, x, v).outputVariable();
        }

        @Override
        public String opName() {
            return OP_NAME;
        }

        @Override
        protected String nativeName() {
            return "multiply";
        }

        @Override
        public List<SDVariable> doDiff(List<SDVariable> gradients) {
            SDVariable g = gradients.get(0);
            SDVariable[] in = args();
            return List.of(apply(sameDiff, g, in[1]), rowSums(g.mul(in[0])));
        }
    }
}
