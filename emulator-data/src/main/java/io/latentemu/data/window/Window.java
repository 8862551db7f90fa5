package io.latentemu.data.window;

/**
 * One window read from a split: its states {@code [L, C, H, W(, D)]} (row-major, float32) and the simulation
 * parameters at its first state.
 */
public record Window(WindowRef ref, float[] data, int[] shape, float[] parameters) {
}
