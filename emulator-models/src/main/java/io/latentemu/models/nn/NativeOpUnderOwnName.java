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
 * A libnd4j custom op without arguments, run natively as it is but known to SameDiff under a name of the
 * project's own, so that its gradient can be the project's own ({@link #doDiff}).
 *
 * <p>SameDiff clones every op through its serialised form when it builds a gradient graph and finds the op's
 * class again by its name; under libnd4j's own name it would find ND4J's class (for {@code tanh}, a legacy
 * scalar transform). The names are registered by {@link CustomOps#register()}. Subclasses name the native op
 * ({@link #nativeName()}) and their own ({@link #opName()}); the output has the first input's data type.
 */
public abstract class NativeOpUnderOwnName extends DynamicCustomOp {

    static {
        CustomOps.register();
    }

    /** For ND4J's op table and SameDiff's cloning. */
    protected NativeOpUnderOwnName() {
    }

    /** Adds the op with these inputs to {@code sd}. */
    protected NativeOpUnderOwnName(SameDiff sd, SDVariable... inputs) {
        super(sd, inputs);
    }

    /** The libnd4j op this one runs. */
    protected abstract String nativeName();

    @Override
    public long opHash() {
        return getDescriptor().getHash();
    }

    /** The descriptor of the native op (inputs, outputs, arguments). */
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
}
