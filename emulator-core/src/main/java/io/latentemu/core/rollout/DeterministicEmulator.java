package io.latentemu.core.rollout;

import io.latentemu.core.diffusion.Conditioning;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The deterministic emulator: a {@link WindowPredictor} completes the window from its context frames
 * in one pass; the generated frames are returned. Seeds are ignored, so all ensemble members agree.
 */
public final class DeterministicEmulator extends WindowedEmulator {

    private final WindowPredictor predictor;

    /**
     * @param predictor trained to complete windows of {@code window} frames from masked context
     * @param window    frames per window L
     * @param context   known frames per call c
     */
    public DeterministicEmulator(WindowPredictor predictor, int window, int context) {
        super(window, context);
        this.predictor = predictor;
    }

    @Override
    public INDArray next(INDArray contextStates, INDArray parameters, long[] seeds) {
        Windows.checkContext(this, contextStates);
        Conditioning c = Conditioning.contextWindow(contextStates, window(), parameters);
        INDArray out = predictor.predict(c);
        if (!Arrays.equals(out.shape(), c.shape())) {
            throw new IllegalStateException("window predictor returned " + Arrays.toString(out.shape())
                    + " for a window " + Arrays.toString(c.shape()));
        }
        return Windows.frames(out, context(), window()).dup();
    }
}
