package io.latentemu.data.window;

import io.latentemu.data.WellDataException;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellSplit;

import java.util.Arrays;

/**
 * One deterministic numbering of all windows of a split: files in split order, then trajectories, then
 * start steps. Index {@code i} always names the same window of the same files.
 */
public final class WindowIndex {

    private final WindowSpec spec;
    /** Per trajectory (over all files): file position, trajectory in file, first window index. */
    private final int[] file;
    private final int[] trajectory;
    private final long[] first;
    private final int size;

    private WindowIndex(WindowSpec spec, int[] file, int[] trajectory, long[] first, int size) {
        this.spec = spec;
        this.file = file;
        this.trajectory = trajectory;
        this.first = first;
        this.size = size;
    }

    /**
     * Numbers the windows of a split.
     *
     * @throws WellDataException if no window fits in any trajectory
     */
    public static WindowIndex of(WellSplit split, WindowSpec spec) {
        int n = split.trajectories();
        int[] file = new int[n];
        int[] traj = new int[n];
        long[] first = new long[n];
        long total = 0;
        int k = 0;
        for (int f = 0; f < split.files().size(); f++) {
            WellFile wf = split.files().get(f);
            for (int b = 0; b < wf.trajectories(); b++) {
                file[k] = f;
                traj[k] = b;
                first[k] = total;
                total += spec.windowsPerTrajectory(wf.steps());
                k++;
            }
        }
        if (total == 0) {
            WellFile f0 = split.files().get(0);
            throw new WellDataException(f0.path(), null, "no window fits: trajectories have " + f0.steps()
                    + " steps but a window of " + spec.length() + " states at stride " + spec.stride() + " spans "
                    + spec.span());
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("split '" + split.name() + "' has " + total + " windows, more than "
                    + Integer.MAX_VALUE);
        }
        return new WindowIndex(spec, file, traj, first, (int) total);
    }

    public WindowSpec spec() {
        return spec;
    }

    /** Number of windows. */
    public int size() {
        return size;
    }

    /** The window with number {@code index}. */
    public WindowRef get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("window " + index + " of " + size);
        }
        int k = Arrays.binarySearch(first, index);
        if (k < 0) {
            k = -k - 2;
        } else {
            while (k + 1 < first.length && first[k + 1] == index) {
                k++; // trajectories too short for any window share their first index with the next one
            }
        }
        return new WindowRef(file[k], trajectory[k], (int) (index - first[k]));
    }
}
