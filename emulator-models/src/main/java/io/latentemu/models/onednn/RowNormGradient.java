package io.latentemu.models.onednn;

import org.bytedeco.dnnl.dnnl_layer_normalization_desc_t;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static io.latentemu.models.onednn.OneDnn.check;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.dnnl_backward_data;
import static org.bytedeco.dnnl.global.dnnl.dnnl_layer_normalization_backward_desc_init;

/**
 * The gradient of {@link RowNorm} with respect to its input, by oneDNN's layer-normalisation backward primitive:
 * from {@code x}, the forward pass's row means and variances and the output's gradient {@code g}, per row
 * {@code dx = (g - mean(g) - y * mean(g * y)) / sqrt(var + eps)} with {@code y} the normalised row.
 */
public class RowNormGradient extends OneDnnOp {

    /** The op's name in graphs and in ND4J's op table. */
    public static final String OP_NAME = "onednn_row_norm_gradient";

    /** For ND4J's op table and SameDiff's cloning; not for direct use. */
    public RowNormGradient() {
    }

    /** Adds the gradient of the norm with this {@code eps} to {@code sd}. */
    public RowNormGradient(SameDiff sd, SDVariable x, SDVariable mean, SDVariable variance, SDVariable gradient,
                           double eps) {
        super(sd, x, mean, variance, gradient);
        addTArgument(eps);
    }

    /** The gradient with respect to {@code x}. */
    public static SDVariable apply(SameDiff sd, SDVariable x, SDVariable mean, SDVariable variance,
                                   SDVariable gradient, double eps) {
        return new RowNormGradient(sd, x, mean, variance, gradient, eps).outputVariable();
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    protected void runOneDnn(INDArray[] inputs, INDArray[] outputs) {
        INDArray x = inputs[0];
        long rows = rows(x.shape());
        long d = x.size(x.rank() - 1);
        float eps = (float) tArgs()[0];
        OneDnnPrimitive forward = RowNorm.forward(rows, d, eps);
        OneDnnPrimitive backward = OneDnn.primitive("row_norm_backward " + rows + "x" + d + " eps " + eps, () -> {
            var data = OneDnnPrimitive.floats(rows, d);
            var stats = OneDnnPrimitive.floats(rows);
            dnnl_layer_normalization_desc_t desc = new dnnl_layer_normalization_desc_t();
            check(dnnl_layer_normalization_backward_desc_init(desc, dnnl_backward_data, data, data, stats,
                    eps, 0), "layer norm gradient description");
            return OneDnnPrimitive.create(desc, forward,
                    new int[]{DNNL_ARG_SRC, DNNL_ARG_MEAN, DNNL_ARG_VARIANCE, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_SRC},
                    data, stats, stats, data, data);
        });
        backward.run(x, inputs[1], inputs[2], inputs[3], outputs[0]);
    }

    @Override
    protected void runPortably(INDArray[] inputs, INDArray[] outputs) {
        INDArray x = asRows(inputs[0]);
        INDArray r = Transforms.pow(inputs[2].reshape(x.size(0), 1).add(tArgs()[0]), -0.5, false);
        INDArray y = x.subColumnVector(inputs[1].reshape(x.size(0), 1)).muliColumnVector(r);
        INDArray g = asRows(inputs[3]);
        INDArray dx = g.subColumnVector(g.mean(true, 1)).subi(y.mulColumnVector(g.mul(y).mean(true, 1)));
        outputs[0].assign(dx.muliColumnVector(r).reshape(outputs[0].shape()));
    }

    /** Not differentiated further (no second derivatives in this project). */
    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        throw new UnsupportedOperationException("second derivatives of the row norm are not implemented");
    }
}
