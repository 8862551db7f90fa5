package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * A stride-1 "same" convolution of an image tensor ({@code [B, C, H, W]}, or channels last as the context's
 * {@link Layout} says) with an odd square kernel, circular padding on the periodic axes and zero padding on the
 * others. Weights are {@code [k, k, in, out]} (SameDiff's YXIO layout,
 * the only one whose backward pass works in M2.1), bias {@code [out]}.
 *
 * @param in       input channels
 * @param out      output channels
 * @param kernel   kernel size (odd)
 * @param periodic which spatial axes wrap around
 */
public record Conv2d(long in, long out, int kernel, Periodicity periodic) {

    /** Validates the arguments. */
    public Conv2d {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("channels must be positive: in=" + in + " out=" + out);
        }
        if (kernel <= 0 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel size must be odd and positive: " + kernel);
        }
        java.util.Objects.requireNonNull(periodic, "periodic");
    }

    /** A 3x3 convolution. */
    public static Conv2d of3x3(long in, long out, Periodicity periodic) {
        return new Conv2d(in, out, 3, periodic);
    }

    /** Adds the convolution with PyTorch's default weight initialisation; {@code ctx} is the layer's scope. */
    public SDVariable apply(GraphContext ctx, SDVariable x) {
        return apply(ctx, x, Init.fanInUniform());
    }

    /** Adds the convolution with weights starting from {@code weightInit}. */
    public SDVariable apply(GraphContext ctx, SDVariable x, Init weightInit) {
        SDVariable w = ctx.param("W", weightInit, true, kernel, kernel, in, out);
        SDVariable b = ctx.param("b", Init.zeros(), false, out);
        int p = kernel / 2;
        SDVariable padded = CircularPad.apply(ctx, x, p, periodic.h(), periodic.w());
        Conv2DConfig config = Conv2DConfig.builder()
                .kH(kernel).kW(kernel).sH(1).sW(1)
                .pH(periodic.h() ? 0 : p).pW(periodic.w() ? 0 : p)
                .dH(1).dW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat(ctx.layout().convFormat())
                .build();
        if (ctx.options().forwardGradients(in)) {
            return ForwardGradientConv2D.apply(ctx.sd(), padded, w, b, config);
        }
        return ctx.sd().cnn.conv2d(padded, w, b, config);
    }
}
