package io.latentemu.models.autoencoder;

import io.latentemu.models.nn.GraphContext;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * The decoder half of an autoencoder: adds to a graph the nodes that map latents {@code [B, c, h, w]} back to
 * states {@code [B, C, H, W]}. It is added twice to the same graph (on the encoder's output for training, on
 * a latent placeholder for decoding) with shared parameters, so it must declare the same parameters, by the
 * same names, every time it is called.
 */
@FunctionalInterface
public interface Decoder {

    /**
     * @param ctx     the decoder's scope (parameters are named {@code decoder/...})
     * @param latents {@code [B, c, h, w]}
     * @return states {@code [B, C, H, W]}
     */
    SDVariable decode(GraphContext ctx, SDVariable latents);
}
