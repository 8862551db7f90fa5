package io.latentemu.core.diffusion;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a {@link StepRule} sees during one step: the state, the two noise levels, the denoiser's
 * estimates at this and earlier steps, and access to the denoiser and to this step's noise.
 * Created and advanced by {@link DiffusionSampler}; rules only read it.
 */
public final class StepContext {

    /**
     * One evaluation of the denoiser.
     *
     * @param sigma      noise level it was made at
     * @param denoised   {@code D(x, sigma)}, the estimate of clean data
     * @param derivative {@code (x - D) / sigma}, the probability-flow velocity {@code dx/dsigma}
     */
    public record Evaluation(double sigma, INDArray denoised, INDArray derivative) {
    }

    private final Denoiser denoiser;
    private final Conditioning conditioning;
    private final NoiseSource noise;
    private final int steps;
    private final int memory;
    private final Deque<Evaluation> history = new ArrayDeque<>();
    private INDArray x;
    private double sigmaT;
    private double sigmaS;
    private int index;

    StepContext(Denoiser denoiser, Conditioning conditioning, NoiseSource noise, int steps, int memory) {
        this.denoiser = denoiser;
        this.conditioning = conditioning;
        this.noise = noise;
        this.steps = steps;
        this.memory = Math.max(1, memory);
    }

    /** Starts step {@code index}: evaluates the denoiser at the current state and records it. */
    void begin(int index, INDArray x, double sigmaT, double sigmaS) {
        this.index = index;
        this.x = x;
        this.sigmaT = sigmaT;
        this.sigmaS = sigmaS;
        INDArray d = denoise(x, sigmaT);
        history.addFirst(new Evaluation(sigmaT, d, x.sub(d).divi(sigmaT)));
        while (history.size() > memory) {
            history.removeLast();
        }
    }

    /** The state at {@link #sigmaT()}. */
    public INDArray x() {
        return x;
    }

    /** Current noise level. */
    public double sigmaT() {
        return sigmaT;
    }

    /** Noise level at the end of this step (&ge; 0, smaller than sigmaT). */
    public double sigmaS() {
        return sigmaS;
    }

    /** Index of this step, 0 for the first. */
    public int index() {
        return index;
    }

    /** Total number of steps. */
    public int steps() {
        return steps;
    }

    /** The denoiser's estimate at the current state. */
    public Evaluation current() {
        return history.peekFirst();
    }

    /** Number of evaluations available (at most the rule's memory). */
    public int historySize() {
        return history.size();
    }

    /** The evaluation {@code back} steps ago (0 = current). */
    public Evaluation previous(int back) {
        Iterator<Evaluation> it = history.iterator();
        for (int i = 0; i < back; i++) {
            it.next();
        }
        return it.next();
    }

    /** Calls the (masked) denoiser at noise level {@code sigma} on every row. */
    public INDArray denoise(INDArray state, double sigma) {
        INDArray sigmas = Nd4j.valueArrayOf(new long[] {state.size(0)}, sigma, state.dataType());
        return denoiser.denoise(state, sigmas, conditioning);
    }

    /** Standard Gaussian noise shaped like the state: draw {@code k} of this step. */
    public INDArray noise(int k) {
        return noise.gaussian(x.dataType(), x.shape(), ((long) (index + 1) << 16) + k);
    }
}
