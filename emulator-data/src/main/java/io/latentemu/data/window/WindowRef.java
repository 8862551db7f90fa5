package io.latentemu.data.window;

/**
 * Where a window lies: the file (its position in the split), the trajectory in that file and the first step.
 */
public record WindowRef(int file, int trajectory, int start) {
}
