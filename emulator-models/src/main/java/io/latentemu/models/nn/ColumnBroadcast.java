package io.latentemu.models.nn;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * An element-wise op between the rows of {@code x [N, d]} and a column {@code v [N, 1]} (each row combined with
 * its own value), run by libnd4j's broadcasting op, with a gradient written for that one pattern.
 *
 * <p>Why: libnd4j's broadcasting ops are as fast forward as a plain element-wise op (the autoencoder's
 * {@code [65536, 32]} pixel rows times a column: 0.25-0.31 ms), but their generic backward passes tile and reduce
 * slowly, which is why {@link Broadcasts} had written these broadcasts as products with a row of ones. Those
 * products made the repeated column a full-size array; these ops do not (an autoencoder training step's
 * activations: 737 MB against 864 MB), at the same speed (docs/performance.md). The gradients are one
 * element-wise op and one row sum.
 */
public abstract class ColumnBroadcast extends NativeOpUnderOwnName {

    /** For ND4J's op table and SameDiff's cloning. */
    protected ColumnBroadcast() {
    }

    /** Adds {@code op(x, v)} to {@code sd}. */
    protected ColumnBroadcast(SameDiff sd, SDVariable x, SDVariable v) {
        super(sd, x, v);
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
