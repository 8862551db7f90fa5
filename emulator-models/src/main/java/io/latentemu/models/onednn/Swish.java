package io.latentemu.models.onednn;

import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static io.latentemu.models.onednn.OneDnn.check;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_eltwise_swish;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;

/**
 * SiLU, {@code x * sigmoid(x)}, by oneDNN's vectorised {@code eltwise_swish} primitive (alpha 1): one pass where
 * the composed SiLU takes four ops ({@link io.latentemu.models.nn.Silu}). Its gradient is {@link SwishGradient}.
 */
public class Swish extends OneDnnOp {

    /** The op's name in graphs and in ND4J's op table. */
    public static final String OP_NAME = "onednn_swish";

    /** For ND4J's op table and SameDiff's cloning; not for direct use. */
    public Swish() {
    }

    /** Adds {@code silu(x)} to {@code sd}. */
    public Swish(SameDiff sd, SDVariable x) {
        super(sd, x);
    }

    /** {@code silu(x)}. */
    public static SDVariable apply(SameDiff sd, SDVariable x) {
        return new Swish(sd, x).outputVariable();
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    protected void runOneDnn(INDArray[] inputs, INDArray[] outputs) {
        forward(inputs[0].length()).run(inputs[0], outputs[0]);
    }

    @Override
    protected void runPortably(INDArray[] inputs, INDArray[] outputs) {
        outputs[0].assign(inputs[0].mul(Transforms.sigmoid(inputs[0], true)));
    }

    /** The forward primitive for {@code n} elements. */
    static OneDnnPrimitive forward(long n) {
        return OneDnn.primitive("swish_forward " + n, () -> {
            var data = OneDnnPrimitive.floats(n);
            dnnl_eltwise_desc_t desc = new dnnl_eltwise_desc_t();
            check(dnnl_eltwise_forward_desc_init(desc, dnnl_forward_training, dnnl_eltwise_swish, data, 1f, 0f),
                    "swish description");
            return OneDnnPrimitive.create(desc, null, new int[]{DNNL_ARG_SRC, DNNL_ARG_DST}, data, data);
        });
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        return List.of(SwishGradient.apply(sameDiff, arg(), gradients.get(0)));
    }
}
