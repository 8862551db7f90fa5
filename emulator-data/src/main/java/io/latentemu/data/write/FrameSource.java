package io.latentemu.data.write;

import io.latentemu.data.well.WellFile;

import java.util.List;

/**
 * Supplies the trajectories of one file to {@link WellWriter} a state at a time, so a file can be written
 * without holding all of it in memory (the writer asks for each state once per field).
 */
public interface FrameSource {

    int trajectories();

    /** Steps per trajectory (the same for all trajectories of a file). */
    int steps();

    /** Time of each state of a trajectory. */
    double[] times(int trajectory);

    /** Value of each simulation parameter for a trajectory. */
    double[] parameters(int trajectory);

    /** Copies state {@code step} of {@code trajectory}, laid out {@code [C, H, W(, D)]}, into {@code into} from {@code offset}. */
    void readFrame(int trajectory, int step, float[] into, int offset);

    /** A source over trajectories held in memory. */
    static FrameSource of(List<Trajectory> trajectories) {
        List<Trajectory> list = List.copyOf(trajectories);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no trajectories to write");
        }
        int steps = list.get(0).steps();
        return new FrameSource() {
            @Override
            public int trajectories() {
                return list.size();
            }

            @Override
            public int steps() {
                return steps;
            }

            @Override
            public double[] times(int trajectory) {
                return list.get(trajectory).times();
            }

            @Override
            public double[] parameters(int trajectory) {
                return list.get(trajectory).parameters();
            }

            @Override
            public void readFrame(int trajectory, int step, float[] into, int offset) {
                Trajectory t = list.get(trajectory);
                int frame = t.states().length / t.steps();
                System.arraycopy(t.states(), step * frame, into, offset, frame);
            }
        };
    }

    /**
     * A source over the trajectories of an open file (to write a copy with other options, or a subset):
     * states are read one at a time.
     */
    static FrameSource of(WellFile file) {
        return new FrameSource() {
            @Override
            public int trajectories() {
                return file.trajectories();
            }

            @Override
            public int steps() {
                return file.steps();
            }

            @Override
            public double[] times(int trajectory) {
                return file.times(trajectory);
            }

            @Override
            public double[] parameters(int trajectory) {
                return file.parameters(trajectory, 0);
            }

            @Override
            public void readFrame(int trajectory, int step, float[] into, int offset) {
                file.readWindow(trajectory, step, 1, 1, into, offset);
            }
        };
    }
}
