package io.latentemu.data.batch;

/**
 * A training batch: states {@code [B, L, C, H, W]} ({@code [B, L, C, H, W, D]} in 3-D) and simulation
 * parameters {@code [B, P]}, float32 row-major, ready for {@code Nd4j.create(data, shape)}.
 *
 * @param step       global step this batch belongs to
 * @param epoch      epoch of that step
 * @param data       the states
 * @param shape      {@code [B, L, C, H, W(, D)]}
 * @param parameters the parameters at each window's first state, {@code [B, P]}
 * @param windows    window numbers ({@link io.latentemu.data.window.WindowIndex}) of the B samples
 */
public record Batch(long step, long epoch, float[] data, int[] shape, float[] parameters, int[] windows) {

    /** Samples in the batch (B). */
    public int size() {
        return shape[0];
    }

    /** Simulation parameters per sample (P). */
    public int parameterCount() {
        return size() == 0 ? 0 : parameters.length / size();
    }

    /** Shape of the parameters: {@code [B, P]}. */
    public int[] parameterShape() {
        return new int[]{size(), parameterCount()};
    }
}
