package io.latentemu.core.rollout;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maps states to latent states and back (an autoencoder), so that the same {@link Rollout} emulates in
 * latent space (encode the initial states, emulate, decode everything at the end) or in pixel space
 * ({@link #identity()}).
 *
 * <p>Implementations must treat rows independently (a row's result does not depend on the batch) and
 * must not modify their arguments.
 */
public interface LatentCodec {

    /** States {@code [N, C, H, W]} to latents {@code [N, c, h, w]}. */
    INDArray encode(INDArray states);

    /** Latents {@code [N, c, h, w]} to states {@code [N, C, H, W]}. */
    INDArray decode(INDArray latents);

    /** The codec of pixel-space emulation: states are their own latents. */
    static LatentCodec identity() {
        return IdentityCodec.INSTANCE;
    }
}
