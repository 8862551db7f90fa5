package io.latentemu.models.nn;

import java.util.Arrays;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j's {@code conv2d}, with its gradient computed by two forward convolutions instead of {@code conv2d_bp}.
 *
 * <p>Why: oneDNN (inside {@code conv2d_bp}) picks Winograd kernels for the backward passes of 3x3 convolutions,
 * and on small images with many channels they are 5-12x slower than the forward kernel (16 x 8 x 8 x 256,
 * measured on AVX-512: backward weights 39 ms, backward data 17 ms, forward 3.2 ms), plus reorders of every
 * operand to a blocked layout on every call. The forward convolutions run oneDNN's direct kernel on the
 * channels-last arrays as they are.
 *
 * <p>For a stride-1, undilated convolution of {@code x [B, H, W, Ci]} (channels last) with padding {@code p} and
 * weights {@code w [k, k, Ci, Co]}, giving {@code y [B, Ho, Wo, Co]} with upstream gradient {@code g}:
 * <ul>
 *   <li>{@code dx} is the convolution of {@code g}, padded by {@code k - 1 - p}, with {@code w} flipped in both
 *       spatial axes and its channel axes swapped;</li>
 *   <li>{@code dw} is a convolution with batch and channels exchanged: {@code x} as {@code [Ci, H, W, B]} (padded
 *       by {@code p}) convolved with {@code g} as the kernel {@code [Ho, Wo, B, Co]}, giving {@code [Ci, k, k, Co]};</li>
 *   <li>{@code db} is {@code g} summed over batch and pixels.</li>
 * </ul>
 * Other configurations (strides, dilation, channels first, other weight layouts) fall back to
 * {@code conv2d_bp}.
 *
 * <p>The op carries its own name so that SameDiff, which clones every op through its serialised form when it
 * builds the gradient graph, finds this class again ({@link CustomOps#register()} adds the name to ND4J's op table);
 * natively it runs libnd4j's {@code conv2d}.
 */
public class ForwardGradientConv2D extends Conv2D {

    /** The op's name in graphs and in ND4J's op table. */
    public static final String OP_NAME = "conv2d_forward_gradients";

    private static final String NATIVE_NAME = "conv2d";

    static {
        CustomOps.register();
    }

    /** For ND4J's op table and SameDiff's cloning; not for direct use. */
    public ForwardGradientConv2D() {
    }

    /** Adds the convolution of {@code inputs} ({@code x, w[, b]}) to {@code sd}. */
    public ForwardGradientConv2D(SameDiff sd, SDVariable[] inputs, Conv2DConfig config) {
        super(sd, inputs, config);
    }

    /** The convolution {@code conv2d(x, w[, b])} with this op's gradient. */
    public static SDVariable apply(SameDiff sd, SDVariable x, SDVariable w, SDVariable b, Conv2DConfig config) {
        SDVariable[] inputs = b == null ? new SDVariable[]{x, w} : new SDVariable[]{x, w, b};
        return new ForwardGradientConv2D(sd, inputs, config).outputVariable();
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    /** libnd4j's {@code conv2d}: the native op this one runs. */
    @Override
    public long opHash() {
        return getDescriptor().getHash();
    }

    /** The descriptor of libnd4j's {@code conv2d} (inputs, outputs, arguments). */
    @Override
    public CustomOpDescriptor getDescriptor() {
        return Nd4j.getExecutioner().getCustomOperations().get(NATIVE_NAME);
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        long[] a = iArgs();
        boolean supported = a.length >= 11 && a[2] == 1 && a[3] == 1 && a[6] == 1 && a[7] == 1
                && a[9] == 1 && a[10] == 0 && a[0] % 2 == 1 && a[1] % 2 == 1;
        if (!supported) {
            return super.doDiff(gradients);
        }
        int kH = (int) a[0];
        int kW = (int) a[1];
        boolean same = a[8] == PaddingMode.SAME.index;
        int pH = same ? kH / 2 : (int) a[4];
        int pW = same ? kW / 2 : (int) a[5];
        SameDiff sd = sameDiff;
        SDVariable[] in = args();
        SDVariable x = in[0];
        SDVariable w = in[1];
        SDVariable g = gradients.get(0);

        SDVariable flipped = sd.permute(flipSpatially(sd, w, kH, kW), 0, 1, 3, 2);
        SDVariable dx = sd.cnn.conv2d(g, flipped, config(kH, kW, kH - 1 - pH, kW - 1 - pW));

        SDVariable batchAsChannels = sd.permute(x, 3, 1, 2, 0);
        SDVariable gradientAsKernel = sd.permute(g, 1, 2, 0, 3);
        // kernel size -1: libnd4j takes it from the kernel array, here the gradient, whose size is known only at run time
        SDVariable dwInputChannelsFirst = sd.cnn.conv2d(batchAsChannels, gradientAsKernel, config(-1, -1, pH, pW));
        SDVariable dw = sd.permute(dwInputChannelsFirst, 1, 2, 0, 3);
        if (in.length < 3) {
            return Arrays.asList(dx, dw);
        }
        SDVariable db = sd.sum(g, 0, 1, 2);
        return Arrays.asList(dx, dw, db);
    }

    /**
     * {@code w [kH, kW, Ci, Co]} reversed in both spatial axes. Reversing both reverses the flattened index
     * {@code i * kW + j}, so this is a product with the exchange matrix; libnd4j's {@code reverse} took 40 ms on a
     * 3 x 3 x 256 x 256 kernel, the product does not show in a step's profile.
     */
    private static SDVariable flipSpatially(SameDiff sd, SDVariable w, int kH, int kW) {
        int n = kH * kW;
        float[][] exchange = new float[n][n];
        for (int i = 0; i < n; i++) {
            exchange[i][n - 1 - i] = 1f;
        }
        SDVariable flippedFlat = sd.mmul(sd.constant(Nd4j.create(exchange).castTo(w.dataType())), w.reshape(n, -1));
        return flippedFlat.reshape(sd.shape(w));
    }

    private static Conv2DConfig config(int kH, int kW, int pH, int pW) {
        return Conv2DConfig.builder().kH(kH).kW(kW).sH(1).sW(1).pH(pH).pW(pW).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NHWC).build();
    }
}
