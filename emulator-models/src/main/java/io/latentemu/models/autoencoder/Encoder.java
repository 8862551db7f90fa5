package io.latentemu.models.autoencoder;

import io.latentemu.models.nn.GraphContext;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The encoder half of an autoencoder: adds to a graph the nodes that map states {@code [B, C, H, W]} to
 * latents {@code [B, c, h, w]}. Implement it to swap in another architecture; declare parameters with
 * {@link GraphContext#param} and use any SameDiff op. Keep the batch dimension free (-1 in reshapes).
 */
@FunctionalInterface
public interface Encoder {

    /**
     * @param ctx    the encoder's scope (parameters are named {@code encoder/...})
     * @param states {@code [B, C, H, W]}
     * @return latents {@code [B, c, h, w]}
     */
    SDVariable encode(GraphContext ctx, SDVariable states);
}
