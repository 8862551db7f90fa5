package io.latentemu.data.window;

/**
 * The shape of the training samples cut from trajectories: {@code nIn} input states followed by
 * {@code nOut} output states, {@code stride} time steps apart. A trajectory of T steps yields
 * {@code T - stride (nIn + nOut - 1)} windows (The Well's count), one per start step.
 *
 * @param nIn    input (context) states, at least 0
 * @param nOut   output (target) states, at least 0; {@code nIn + nOut >= 1}
 * @param stride time steps between consecutive states of a window, at least 1
 */
public record WindowSpec(int nIn, int nOut, int stride) {

    public WindowSpec {
        if (nIn < 0 || nOut < 0 || nIn + nOut < 1) {
            throw new IllegalArgumentException("a window needs nIn >= 0, nOut >= 0 and nIn + nOut >= 1, got nIn="
                    + nIn + ", nOut=" + nOut);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1, got " + stride);
        }
    }

    /** States per window: {@code nIn + nOut}. */
    public int length() {
        return nIn + nOut;
    }

    /** Time steps a window covers, first to last inclusive: {@code stride (length - 1) + 1}. */
    public int span() {
        return stride * (length() - 1) + 1;
    }

    /** Windows in a trajectory of {@code steps} steps: {@code max(0, steps - stride (nIn + nOut - 1))}. */
    public int windowsPerTrajectory(int steps) {
        return Math.max(0, steps - stride * (length() - 1));
    }
}
