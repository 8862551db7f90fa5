package io.latentemu.examples.cli;

import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.core.diffusion.Denoiser;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A denoiser that times the calls of the one it wraps, so a benchmark can set a sampling run's wall time against
 * the time its own denoiser calls took (rather than against calls timed apart, whose spread on a shared machine is
 * larger than the sampler's overhead).
 */
final class TimedDenoiser implements Denoiser {

    private final Denoiser inner;
    private long nanos;
    private int calls;

    TimedDenoiser(Denoiser inner) {
        this.inner = inner;
    }

    @Override
    public INDArray denoise(INDArray xt, INDArray sigma, Conditioning conditioning) {
        long t0 = System.nanoTime();
        INDArray result = inner.denoise(xt, sigma, conditioning);
        nanos += System.nanoTime() - t0;
        calls++;
        return result;
    }

    /** Milliseconds spent in the wrapped denoiser since the last {@link #reset()}. */
    double milliseconds() {
        return nanos / 1e6;
    }

    /** Calls since the last {@link #reset()}. */
    int calls() {
        return calls;
    }

    void reset() {
        nanos = 0;
        calls = 0;
    }
}
