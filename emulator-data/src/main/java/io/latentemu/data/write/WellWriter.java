package io.latentemu.data.write;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.latentemu.data.AtomicFiles;
import io.latentemu.data.WellDataException;
import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.well.Channel;
import io.latentemu.data.well.FieldSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes trajectories to an HDF5 file in The Well's layout, readable by {@link io.latentemu.data.well.WellFile}
 * (bit for bit) and by h5py.
 *
 * <p>Layout written: root attributes {@code dataset_name}, {@code grid_type}, {@code n_spatial_dims},
 * {@code n_trajectories}, {@code simulation_parameters} (plus one float64 attribute per parameter that is
 * constant over the file); {@code /dimensions} with {@code spatial_dims}, {@code time} ({@code (T,)}, or
 * {@code (B, T)} when trajectories have different times) and one float32 coordinate dataset per axis;
 * {@code /boundary_conditions/<axis>_<type>} per axis (mask true at both ends); {@code /scalars} with one
 * float32 dataset per parameter ({@code ()} when constant over the file, {@code (B,)} otherwise);
 * {@code /t0_fields}, {@code /t1_fields}, {@code /t2_fields} with float32 datasets
 * {@code [B, T, N1, N2(, N3), D...]} flagged sample-, time- and dim-varying.
 *
 * <p>The file is written under a temporary name and moved into place when complete; an existing file is
 * never replaced unless {@link WriteOptions#overwrite()} allows it. Non-finite values are refused.
 * See docs/data.md for the types jHDF writes differently from h5py.
 */
public final class WellWriter {

    private final WellDescription description;
    private final WriteOptions options;

    public WellWriter(WellDescription description, WriteOptions options) {
        this.description = description;
        this.options = options;
    }

    public WellWriter(WellDescription description) {
        this(description, WriteOptions.contiguous());
    }

    public WellDescription description() {
        return description;
    }

    public WriteOptions options() {
        return options;
    }

    /** Writes trajectories held in memory to {@code file}. */
    public void write(Path file, List<Trajectory> trajectories) {
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("no trajectories to write to " + file);
        }
        int steps = trajectories.get(0).steps();
        for (int i = 0; i < trajectories.size(); i++) {
            Trajectory t = trajectories.get(i);
            if (t.steps() != steps) {
                throw new IllegalArgumentException("trajectory " + i + " has " + t.steps() + " steps, trajectory 0 has "
                        + steps + ": all trajectories of a file need the same number of steps");
            }
            long expected = (long) t.steps() * description.frameSize();
            if (t.states().length != expected) {
                throw new IllegalArgumentException("trajectory " + i + " holds " + t.states().length + " values; "
                        + t.steps() + " states of " + description.channelCount() + " channels x "
                        + Arrays.toString(description.spatialShape()) + " need " + expected);
            }
        }
        write(file, FrameSource.of(trajectories));
    }

    /** Writes the trajectories of a source to {@code file}, pulling one state at a time. */
    public void write(Path file, FrameSource source) {
        int b = source.trajectories();
        int t = source.steps();
        if (b < 1 || t < 1) {
            throw new IllegalArgumentException("nothing to write to " + file + ": " + b + " trajectories of " + t + " steps");
        }
        double[][] times = new double[b][];
        double[][] params = new double[b][];
        for (int i = 0; i < b; i++) {
            times[i] = source.times(i);
            params[i] = source.parameters(i);
            if (times[i].length != t) {
                throw new IllegalArgumentException("trajectory " + i + " has " + times[i].length + " times for " + t + " steps");
            }
            if (params[i].length != description.parameters().size()) {
                throw new IllegalArgumentException("trajectory " + i + " has " + params[i].length + " parameter values; "
                        + "the description names " + description.parameters());
            }
            for (int s = 0; s < t; s++) {
                if (!Double.isFinite(times[i][s])) {
                    throw new IllegalArgumentException("trajectory " + i + " has a non-finite time at step " + s);
                }
            }
        }
        Path target = file.toAbsolutePath();
        ValueCheck check = new ValueCheck(description.channels(), description.pointsPerChannel());
        AtomicFiles.write(target, options.overwrite(), temporary -> {
            try (WritableHdfFile hdf = HdfFile.write(temporary)) {
                hdf.removeAttribute("_jHDF");
                writeStructure(hdf, source, times, params, check);
            }
            if (check.problem != null) {
                throw new WellDataException(target, check.problem.location, check.problem.message, check.problem.cause);
            }
        });
    }

    private void writeStructure(WritableHdfFile hdf, FrameSource source, double[][] times, double[][] params,
                                ValueCheck check) {
        int b = source.trajectories();
        int t = source.steps();
        List<Axis> axes = description.axes();
        List<String> axisNames = description.axisNames();
        hdf.putAttribute("dataset_name", description.datasetName());
        hdf.putAttribute("grid_type", description.gridType());
        hdf.putAttribute("n_spatial_dims", (long) axes.size());
        hdf.putAttribute("n_trajectories", (long) b);
        H5pyAttributes.putStrings(hdf, "simulation_parameters", description.parameters());

        WritableGroup bcs = hdf.putGroup("boundary_conditions");
        for (int i = 0; i < axes.size(); i++) {
            Axis a = axes.get(i);
            BoundaryType type = description.boundaries().get(i);
            WritableGroup g = bcs.putGroup(a.name() + "_" + type.name().toLowerCase(Locale.ROOT));
            H5pyAttributes.putStrings(g, "associated_dims", List.of(a.name()));
            H5pyAttributes.putStrings(g, "associated_fields", List.of());
            g.putAttribute("bc_type", type.name());
            H5pyAttributes.putBoolean(g, "sample_varying", false);
            H5pyAttributes.putBoolean(g, "time_varying", false);
            boolean[] mask = new boolean[a.size()];
            mask[0] = true;
            mask[a.size() - 1] = true;
            g.putDataset("mask", mask);
        }

        WritableGroup dims = hdf.putGroup("dimensions");
        H5pyAttributes.putStrings(dims, "spatial_dims", axisNames);
        boolean timesDiffer = false;
        for (int i = 1; i < b; i++) {
            timesDiffer |= !Arrays.equals(toFloat(times[i]), toFloat(times[0]));
        }
        Object timeData;
        if (timesDiffer) {
            float[][] all = new float[b][];
            for (int i = 0; i < b; i++) {
                all[i] = toFloat(times[i]);
            }
            timeData = all;
        } else {
            timeData = toFloat(times[0]);
        }
        WritableDataset time = dims.putDataset("time", timeData);
        H5pyAttributes.putBoolean(time, "sample_varying", timesDiffer);
        H5pyAttributes.putBoolean(time, "time_varying", true);
        for (Axis a : axes) {
            WritableDataset c = dims.putDataset(a.name(), a.coordinates());
            H5pyAttributes.putBoolean(c, "sample_varying", false);
            H5pyAttributes.putBoolean(c, "time_varying", false);
        }

        WritableGroup scalars = hdf.putGroup("scalars");
        H5pyAttributes.putStrings(scalars, "field_names", description.parameters());
        for (int p = 0; p < description.parameters().size(); p++) {
            String name = description.parameters().get(p);
            float[] values = new float[b];
            boolean varies = false;
            for (int i = 0; i < b; i++) {
                if (!Double.isFinite(params[i][p])) {
                    throw new IllegalArgumentException("trajectory " + i + ": parameter " + name + " is not finite");
                }
                values[i] = (float) params[i][p];
                varies |= params[i][p] != params[0][p];
            }
            WritableDataset ds = varies ? scalars.putDataset(name, values) : scalars.putDataset(name, values[0]);
            H5pyAttributes.putBoolean(ds, "sample_varying", varies);
            H5pyAttributes.putBoolean(ds, "time_varying", false);
            if (!varies) {
                hdf.putAttribute(name, params[0][p]);
            }
        }

        int channel = 0;
        List<List<FieldSpec>> byOrder = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (FieldSpec f : description.fields()) {
            byOrder.get(f.order()).add(f);
        }
        int[] spatial = description.spatialShape();
        boolean[] allVarying = new boolean[axes.size()];
        Arrays.fill(allVarying, true);
        for (int order = 0; order <= 2; order++) {
            WritableGroup g = hdf.putGroup("t" + order + "_fields");
            List<FieldSpec> fields = byOrder.get(order);
            H5pyAttributes.putStrings(g, "field_names", fields.stream().map(FieldSpec::name).toList());
            for (FieldSpec f : fields) {
                int comps = f.channelCount(axes.size());
                FieldDataset ds = new FieldDataset(g, f.name(), source, channel, comps, spatial,
                        description.channelCount(), options, check);
                g.putDataset(f.name(), ds);
                H5pyAttributes.putBooleans(ds, "dim_varying", allVarying);
                H5pyAttributes.putBoolean(ds, "sample_varying", true);
                H5pyAttributes.putBoolean(ds, "time_varying", true);
                if (order == 2) {
                    H5pyAttributes.putBoolean(ds, "symmetric", false);
                    H5pyAttributes.putBoolean(ds, "antisymmetric", false);
                }
                channel += comps;
            }
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Records the first non-finite value met while writing (jHDF must not see an exception mid-write). */
    private static final class ValueCheck implements FieldDataset.FrameCheck {
        private record Problem(String location, String message, Throwable cause) {
        }

        private final List<Channel> channels;
        private final int points;
        private volatile Problem problem;

        ValueCheck(List<Channel> channels, int points) {
            this.channels = channels;
            this.points = points;
        }

        @Override
        public void check(int trajectory, int step, int firstChannel, float[] frame, int offset, int count) {
            if (problem != null) {
                return;
            }
            for (int i = 0; i < count; i++) {
                float v = frame[offset + i];
                if (!Float.isFinite(v)) {
                    Channel c = channels.get(firstChannel + i / points);
                    problem = new Problem("/t" + c.order() + "_fields/" + c.field(), "non-finite value " + v
                            + " in trajectory " + trajectory + ", step " + step + ", channel " + c.name()
                            + ", point " + (i % points) + "; nothing written", null);
                    return;
                }
            }
        }

        @Override
        public void failed(int trajectory, int step, RuntimeException e) {
            if (problem == null) {
                problem = new Problem(null, "cannot get state " + step + " of trajectory " + trajectory
                        + "; nothing written: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean failed() {
            return problem != null;
        }
    }
}
