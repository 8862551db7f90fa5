package io.latentemu.core.rollout;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link LatentCodec#identity()}: pixel-space emulation. */
enum IdentityCodec implements LatentCodec {
    INSTANCE;

    @Override
    public INDArray encode(INDArray states) {
        return states;
    }

    @Override
    public INDArray decode(INDArray latents) {
        return latents;
    }
}
