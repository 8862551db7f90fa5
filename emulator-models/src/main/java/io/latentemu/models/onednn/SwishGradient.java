package io.latentemu.models.onednn;

import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static io.latentemu.models.onednn.OneDnn.check;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_backward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_swish;

/**
 * The gradient of {@link Swish}: {@code g * s * (1 + x * (1 - s))} with {@code s = sigmoid(x)}, by oneDNN's
 * swish backward primitive.
 */
public class SwishGradient extends OneDnnOp {

    /** The op's name in graphs and in ND4J's op table. */
    public static final String OP_NAME = "onednn_swish_gradient";

    /** For ND4J's op table and SameDiff's cloning; not for direct use. */
    public SwishGradient() {
    }

    /** Adds the gradient of {@code silu(x)} given the output's gradient to {@code sd}. */
    public SwishGradient(SameDiff sd, SDVariable x, SDVariable gradient) {
        super(sd, x, gradient);
    }

    /** The gradient with respect to {@code x}. */
    public static SDVariable apply(SameDiff sd, SDVariable x, SDVariable gradient) {
        return new SwishGradient(sd, x, gradient).outputVariable();
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    protected void runOneDnn(INDArray[] inputs, INDArray[] outputs) {
        long n = inputs[0].length();
        OneDnnPrimitive forward = Swish.forward(n);
        OneDnnPrimitive backward = OneDnn.primitive("swish_backward " + n, () -> {
            var data = OneDnnPrimitive.floats(n);
            dnnl_eltwise_desc_t desc = new dnnl_eltwise_desc_t();
            check(dnnl_eltwise_backward_desc_init(desc, dnnl_eltwise_swish, data, data, 1f, 0f),
                    "swish gradient description");
            return OneDnnPrimitive.create(desc, forward, new int[]{DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC},
                    data, data, data);
        });
        backward.run(inputs[0], inputs[1], outputs[0]);
    }

    /** {@code g * s * (1 + x (1 - s))}, {@code s = sigmoid(x)}. */
    @Override
    protected void runPortably(INDArray[] inputs, INDArray[] outputs) {
        INDArray x = inputs[0];
        INDArray s = Transforms.sigmoid(x, true);
        INDArray slope = s.rsub(1.0).muli(x).addi(1.0).muli(s);
        outputs[0].assign(slope.muli(inputs[1].reshape(x.shape())));
    }

    /** Not differentiated further (no second derivatives in this project). */
    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        throw new UnsupportedOperationException("second derivatives of swish are not implemented");
    }
}
