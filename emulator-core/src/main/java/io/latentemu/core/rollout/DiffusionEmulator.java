package io.latentemu.core.rollout;

import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.core.diffusion.Denoiser;
import io.latentemu.core.diffusion.NoiseSource;
import io.latentemu.core.diffusion.Sampler;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The generative emulator: samples a whole window from the denoiser with the context frames clamped
 * and returns its generated frames. Rows with different seeds are independent samples, which is how
 * ensembles are drawn.
 */
public final class DiffusionEmulator extends WindowedEmulator {

    private final Denoiser denoiser;
    private final Sampler sampler;

    /**
     * @param denoiser trained on windows of {@code window} frames with masked context
     * @param sampler  e.g. {@link io.latentemu.core.diffusion.DiffusionSampler#study()}
     * @param window   frames per window L
     * @param context  known frames per call c
     */
    public DiffusionEmulator(Denoiser denoiser, Sampler sampler, int window, int context) {
        super(window, context);
        this.denoiser = denoiser;
        this.sampler = sampler;
    }

    @Override
    public INDArray next(INDArray contextStates, INDArray parameters, long[] seeds) {
        Windows.checkContext(this, contextStates);
        if (seeds.length != contextStates.size(0)) {
            throw new IllegalArgumentException(seeds.length + " seeds for " + contextStates.size(0) + " rows");
        }
        Conditioning c = Conditioning.contextWindow(contextStates, window(), parameters);
        INDArray sample = sampler.sample(denoiser, c.shape(), c, NoiseSource.forRows(seeds));
        return Windows.frames(sample, context(), window()).dup();
    }
}
