package io.latentemu.data.sim;

import io.latentemu.data.write.Trajectory;

/**
 * One simulated trajectory: {@code frames} states of {@code channels} fields on a square grid of
 * {@code resolution} cells per side, in the library's channel-first layout {@code [T, C, H, W]}
 * (H along x, W along y), plus the times of the frames and the parameters it was run with.
 *
 * @param fields     row-major {@code [T, C, H, W]}; channels are the simulator's scalar fields, then
 *                   the x and y components of each vector field
 * @param times      the physical time of each frame
 * @param parameters the simulation parameters, in the simulator's {@code parameterNames()} order
 * @param solverSteps time steps the solver took (including any spin-up), for speed figures
 */
public record SimulatedTrajectory(float[] fields, double[] times, int channels, int resolution,
                                  double[] parameters, long solverSteps) {

    public SimulatedTrajectory {
        long expected = (long) times.length * channels * resolution * resolution;
        if (fields.length != expected) {
            throw new IllegalArgumentException("fields hold " + fields.length + " values, expected "
                    + times.length + " x " + channels + " x " + resolution + " x " + resolution);
        }
    }

    /** Number of saved frames. */
    public int frames() {
        return times.length;
    }

    /** Cell updates the solver performed: steps times cells. */
    public long cellUpdates() {
        return solverSteps * resolution * resolution;
    }

    /** This trajectory as the data layer's writer takes it. */
    public Trajectory toWritable() {
        return new Trajectory(fields, times, parameters);
    }

    /** Value of channel {@code c} at frame {@code t}, cell {@code (i, j)}. */
    public float value(int t, int c, int i, int j) {
        return fields[((t * channels + c) * resolution + i) * resolution + j];
    }
}
