package io.latentemu.data.sim;

/**
 * The settings every simulator has: grid and saving cadence. The built-in configuration records
 * implement it; a {@link Simulator}'s configuration must, and must be serialisable with Jackson.
 */
public interface SimulationSettings {

    /** Cells per side. */
    int resolution();

    /** Saved frames per trajectory, including the initial state. */
    int frames();

    /** Physical time between saved frames. */
    double outputInterval();
}
