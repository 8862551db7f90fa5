package io.latentemu.models.backbone;

import io.latentemu.models.nn.GraphContext;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The network inside a denoiser or a neural solver: adds to a graph the nodes that map a window with its mask
 * channel (and, for a denoiser, the noise level; optionally simulation parameters) to an output window of
 * the same shape. Implement it to plug in another architecture: declare parameters with
 * {@link GraphContext#param}, use any SameDiff op, keep the batch dimension free (-1 in reshapes). The built-in
 * ones are {@link VitBackbone} and {@link UNetBackbone}.
 */
@FunctionalInterface
public interface Backbone {

    /**
     * @param ctx   the backbone's scope (parameters are named {@code backbone/...})
     * @param input the window, its mask and the conditioning inputs
     * @return the output window {@code [B, L, C, H, W]}
     */
    SDVariable apply(GraphContext ctx, BackboneInput input);
}
