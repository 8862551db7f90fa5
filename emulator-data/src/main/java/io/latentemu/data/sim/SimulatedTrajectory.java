package io.latentemu.data.sim;

/**
 * One simulated trajectory: {@code frames} states of {@code channels} fields on a square grid of
 * {@code resolution} cells per side, in the library's channel-first layout {@code [T, C, H, W]}
 * (H along x, W along y), plus the times of the frames and the parameters it was run with.
 *
 * @param fields     row-major {@code [T, C, H, W]}; channels are the simulator's scalar fields, then
 *                   the x and y components of each vector field
 * @param times      the physical time of each frame
 * @param parameters the simulation parameters, in the simulator's {@code parameterNames()} order
 */
public record SimulatedTrajectory(float[] fields, double[] times, int channels, int resolution,
                                  double[] parameters) {

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

    /** Value of channel {@code c} at frame {@code t}, cell {@code (i, j)}. */
    public float value(int t, int c, int i, int j) {
        return fields[((t * channels + c) * resolution + i) * resolution + j];
    }
}
