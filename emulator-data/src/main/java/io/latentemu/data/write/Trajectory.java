package io.latentemu.data.write;

import java.util.Objects;

/**
 * One simulated trajectory to write: its states {@code [T, C, H, W(, D)]} (row-major, channel-first, channels
 * in {@link WellDescription#channels()} order), the time of each state, and the value of each simulation
 * parameter (constant along the trajectory, in {@link WellDescription#parameters()} order).
 *
 * <p>The arrays are not copied: do not modify them until the trajectory has been written.
 */
public record Trajectory(float[] states, double[] times, double[] parameters) {

    public Trajectory {
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(parameters, "parameters");
        if (times.length == 0) {
            throw new IllegalArgumentException("a trajectory needs at least one time step");
        }
        if (states.length % times.length != 0) {
            throw new IllegalArgumentException(states.length + " values cannot split into " + times.length + " states");
        }
    }

    /** Number of states. */
    public int steps() {
        return times.length;
    }
}
