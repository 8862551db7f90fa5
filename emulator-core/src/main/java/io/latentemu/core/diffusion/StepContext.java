package io.latentemu.core.diffusion;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a {@link StepRule} sees during one step: the state, the two noise levels, the denoiser's
 * estimates at this and earlier steps, and access to the denoiser and to this step's noise.
 * Created and advanced by {@link DiffusionSampler}; rules only read it.
 *
 * <p>A run reuses its arrays from step to step instead of making new ones: fresh native memory costs a page
 * fault per 4 KiB on first touch, and ND4J returns memory only when the garbage collector finds the array, so
 * a step that made its ten or so state-sized arrays afresh cost some 15-20 ms on the quickstart's windows
 * against about 1 ms with reused ones. Hence: an {@link Evaluation}'s arrays are overwritten once it leaves
 * the history ({@link StepRule#memory()} steps later), and {@link #nextState()} hands out a buffer that the
 * step after next reuses. Rules read them within their step; a rule that keeps one longer must copy it.
 */
public final class StepContext {

    /**
     * One evaluation of the denoiser. Its arrays belong to the run and are overwritten once the evaluation
     * leaves the history.
     *
     * @param sigma      noise level it was made at
     * @param denoised   {@code D(x, sigma)}, the estimate of clean data
     * @param derivative {@code (x - D) / sigma}, the probability-flow velocity {@code dx/dsigma}
     */
    public record Evaluation(double sigma, INDArray denoised, INDArray derivative) {
    }

    private final MaskedDenoiser denoiser;
    private final Conditioning conditioning;
    private final NoiseSource noise;
    private final int steps;
    private final int memory;
    private final Deque<Evaluation> history = new ArrayDeque<>();
    /** The two buffers {@link #nextState()} alternates between. */
    private final INDArray[] states = new INDArray[2];
    private INDArray x;
    private double sigmaT;
    private double sigmaS;
    private int index;

    StepContext(MaskedDenoiser denoiser, Conditioning conditioning, NoiseSource noise, int steps, int memory) {
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
        Evaluation leaving = history.size() == memory ? history.removeLast() : null;
        // the leaving evaluation's arrays take the new one, unless the state itself lives in them
        boolean reuse = leaving != null && !overlaps(x, leaving.denoised()) && !overlaps(x, leaving.derivative());
        INDArray d = reuse ? leaving.denoised() : x.ulike();
        INDArray z = reuse ? leaving.derivative() : x.ulike();
        denoiser.denoiseInto(x, sigmas(x, sigmaT), conditioning, d);
        z.assign(x).subi(d).divi(sigmaT);
        history.addFirst(new Evaluation(sigmaT, d, z));
    }

    /**
     * A buffer shaped like the state for the rule to write the next state into and return (it is neither the
     * current state nor an evaluation's array). The step after next hands the same buffer out again.
     */
    public INDArray nextState() {
        int k = x == states[0] ? 1 : 0;
        if (states[k] == null || !java.util.Arrays.equals(states[k].shape(), x.shape())
                || states[k].dataType() != x.dataType()) {
            states[k] = x.ulike();
        }
        return states[k];
    }

    /**
     * {@code target += alpha * source} in place, in one pass and without a temporary array (for rules that
     * build their result in {@link #nextState()}).
     *
     * @return target
     */
    public static INDArray addScaled(INDArray target, double alpha, INDArray source) {
        Nd4j.exec(new Axpy(source, target, target, alpha));
        return target;
    }

    /** Whether two arrays share native memory (views included). */
    private static boolean overlaps(INDArray a, INDArray b) {
        long startA = a.data().address();
        long startB = b.data().address();
        long endA = startA + a.data().length() * a.data().getElementSize();
        long endB = startB + b.data().length() * b.data().getElementSize();
        return startA < endB && startB < endA;
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

    /** Calls the (masked) denoiser at noise level {@code sigma} on every row; the result is a new array, the rule's to keep. */
    public INDArray denoise(INDArray state, double sigma) {
        return denoiser.denoiseReusingInput(state, sigmas(state, sigma), conditioning);
    }

    private static INDArray sigmas(INDArray state, double sigma) {
        return Nd4j.valueArrayOf(new long[] {state.size(0)}, sigma, state.dataType());
    }

    /** Standard Gaussian noise shaped like the state: draw {@code k} of this step. */
    public INDArray noise(int k) {
        return noise.gaussian(x.dataType(), x.shape(), ((long) (index + 1) << 16) + k);
    }
}
