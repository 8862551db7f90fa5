package io.latentemu.models.onednn;

import org.bytedeco.dnnl.dnnl_layer_normalization_desc_t;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

import static io.latentemu.models.onednn.OneDnn.check;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_layer_normalization_forward_desc_init;

/**
 * Layer normalisation without affine parameters over the last axis, {@code (x - mean) / sqrt(var + eps)} with
 * the biased variance, by oneDNN's {@code layer_normalization} primitive: one pass where the composed norm takes
 * seven ops ({@link io.latentemu.models.nn.LayerNorm}). The op's one argument is eps.
 *
 * <p>Outputs: the normalised array (x's shape), and each row's mean and variance ({@code [rows]}, rows being the
 * product of all axes but the last), which the gradient ({@link RowNormGradient}) reads instead of recomputing
 * them. Only the first output is differentiable.
 */
public class RowNorm extends OneDnnOp {

    /** The op's name in graphs and in ND4J's op table. */
    public static final String OP_NAME = "onednn_row_norm";

    /** For ND4J's op table and SameDiff's cloning; not for direct use. */
    public RowNorm() {
    }

    /** Adds the norm of {@code x}'s rows, with {@code eps} added to the variance, to {@code sd}. */
    public RowNorm(SameDiff sd, SDVariable x, double eps) {
        super(sd, x);
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be > 0 (a constant row has variance 0): " + eps);
        }
        addTArgument(eps);
    }

    /** The rows of {@code x} normalised (first output of the op). */
    public static SDVariable apply(SameDiff sd, SDVariable x, double eps) {
        return new RowNorm(sd, x, eps).outputVariables()[0];
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    public int getNumOutputs() {
        return 3;
    }

    @Override
    protected long[][] outputShapes(long[][] in) {
        long rows = rows(in[0]);
        return new long[][]{in[0].clone(), {rows}, {rows}};
    }

    @Override
    protected void runOneDnn(INDArray[] inputs, INDArray[] outputs) {
        INDArray x = inputs[0];
        forward(rows(x.shape()), x.size(x.rank() - 1), (float) tArgs()[0]).run(x, outputs[0], outputs[1], outputs[2]);
    }

    @Override
    protected void runPortably(INDArray[] inputs, INDArray[] outputs) {
        INDArray x = asRows(inputs[0]);
        INDArray mean = x.mean(true, 1);
        INDArray centred = x.subColumnVector(mean);
        INDArray variance = centred.mul(centred).mean(true, 1);
        centred.muliColumnVector(Transforms.pow(variance.add(tArgs()[0]), -0.5, false));
        outputs[0].assign(centred.reshape(outputs[0].shape()));
        outputs[1].assign(mean.reshape(outputs[1].shape()));
        outputs[2].assign(variance.reshape(outputs[2].shape()));
    }

    /** The training-mode forward primitive for {@code rows x d} (it also writes the statistics). */
    static OneDnnPrimitive forward(long rows, long d, float eps) {
        return OneDnn.primitive("row_norm_forward " + rows + "x" + d + " eps " + eps, () -> {
            var data = OneDnnPrimitive.floats(rows, d);
            var stats = OneDnnPrimitive.floats(rows);
            dnnl_layer_normalization_desc_t desc = new dnnl_layer_normalization_desc_t();
            check(dnnl_layer_normalization_forward_desc_init(desc, dnnl_forward_training, data, stats,
                    eps, 0), "layer norm description");
            return OneDnnPrimitive.create(desc, null,
                    new int[]{DNNL_ARG_SRC, DNNL_ARG_DST, DNNL_ARG_MEAN, DNNL_ARG_VARIANCE}, data, data, stats, stats);
        });
    }

    /** The gradient of the normalised output; the statistics' gradients are ignored (not differentiable). */
    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable[] out = outputVariables();
        return List.of(RowNormGradient.apply(sameDiff, arg(), out[1], out[2], gradients.get(0), tArgs()[0]));
    }
}
