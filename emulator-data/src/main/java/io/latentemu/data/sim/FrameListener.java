package io.latentemu.data.sim;

/**
 * Told after each saved frame of a trajectory; progress reporting and cancellation hook (throwing
 * stops the simulation).
 */
@FunctionalInterface
public interface FrameListener {

    /** A listener that does nothing. */
    FrameListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} frames are computed. */
    void frameDone(int done, int total);
}
