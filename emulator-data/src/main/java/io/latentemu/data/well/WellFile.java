package io.latentemu.data.well;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.latentemu.data.WellDataException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One HDF5 file in The Well's layout, opened for lazy reading: the metadata is read and checked when the
 * file is opened; field values are read a window at a time, touching only the slices of that window, so
 * memory stays bounded whatever the file size.
 *
 * <p>A window {@code (trajectory, start, length, stride)} holds the states at steps
 * {@code start, start + stride, ..., start + (length - 1) stride}, laid out {@code [length, C, H, W]}
 * ({@code [length, C, H, W, D]} in 3-D) in row-major order, channels in {@link WellMetadata#channels()} order.
 * Reading is safe from several threads at once.
 */
public final class WellFile implements AutoCloseable {

    private final Path path;
    private final HdfFile hdf;
    private final FileChannel channel;
    private final WellMetadata metadata;
    private final List<FieldStorage> fields;
    /** Time coordinates: [T] or [B * T]. */
    private final double[] time;
    /** Per parameter: values laid out [B?][T?]. */
    private final List<double[]> parameterValues;

    private WellFile(Path path, HdfFile hdf, FileChannel channel) {
        this.path = path;
        this.hdf = hdf;
        this.channel = channel;
        HdfNodes h = new HdfNodes(path);
        long fileSize = fileSize(path);
        long declared = hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress()
                + hdf.getUserBlockSize();
        if (declared > fileSize) {
            throw new WellDataException(path, "/", "file is truncated: its superblock declares " + declared
                    + " bytes but the file has " + fileSize);
        }

        String datasetName = h.string(hdf, "dataset_name");
        String gridType = h.hasAttribute(hdf, "grid_type") ? h.string(hdf, "grid_type") : "cartesian";
        long nDims = h.integer(hdf, "n_spatial_dims");
        long nTraj = h.integer(hdf, "n_trajectories");
        if (nDims < 1 || nDims > 3) {
            throw h.error("/", "attribute 'n_spatial_dims': expected 1, 2 or 3, found " + nDims);
        }
        if (nTraj < 1 || nTraj > Integer.MAX_VALUE) {
            throw h.error("/", "attribute 'n_trajectories': expected a positive count, found " + nTraj);
        }
        int trajectories = (int) nTraj;
        List<String> parameterNames = h.strings(hdf, "simulation_parameters");

        Group dimensions = h.group(hdf, "dimensions");
        List<String> axisNames = h.strings(dimensions, "spatial_dims");
        if (axisNames.size() != nDims) {
            throw h.error("/dimensions", "attribute 'spatial_dims' lists " + axisNames + " but n_spatial_dims is " + nDims);
        }
        List<Axis> axes = new ArrayList<>();
        for (String a : axisNames) {
            Dataset ds = h.dataset(dimensions, a, "the coordinates of axis " + a);
            if (ds.getDimensions().length != 1) {
                throw h.error(HdfNodes.pathOf(ds), "expected 1-D coordinates, found shape " + Arrays.toString(ds.getDimensions()));
            }
            double[] c = h.doubles(ds);
            float[] f = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                f[i] = (float) c[i];
            }
            if (f.length == 0) {
                throw h.error(HdfNodes.pathOf(ds), "expected at least one coordinate, found none");
            }
            axes.add(new Axis(a, f));
        }
        int[] spatialShape = axes.stream().mapToInt(Axis::size).toArray();

        Dataset timeDs = h.dataset(dimensions, "time", "the time coordinates, shape (T,) or (trajectories, T)");
        int[] timeShape = timeDs.getDimensions();
        boolean timeSampleVarying = timeShape.length == 2;
        if (timeShape.length < 1 || timeShape.length > 2 || (timeSampleVarying && timeShape[0] != trajectories)) {
            throw h.error("/dimensions/time", "expected shape (T,) or (" + trajectories + ", T), found "
                    + Arrays.toString(timeShape));
        }
        int steps = timeShape[timeShape.length - 1];
        if (steps < 1) {
            throw h.error("/dimensions/time", "expected at least one time step, found none");
        }
        this.time = h.doubles(timeDs);

        List<BoundaryCondition> bcs = new ArrayList<>();
        Group bcGroup = h.group(hdf, "boundary_conditions");
        for (Node n : bcGroup) {
            if (!(n instanceof Group g)) {
                continue;
            }
            String where = HdfNodes.pathOf(g);
            List<String> assoc = h.strings(g, "associated_dims");
            for (String a : assoc) {
                if (!axisNames.contains(a)) {
                    throw h.error(where, "attribute 'associated_dims' names axis '" + a + "', not one of " + axisNames);
                }
            }
            String typeText = h.string(g, "bc_type");
            BoundaryType type;
            try {
                type = BoundaryType.parse(typeText);
            } catch (IllegalArgumentException e) {
                throw h.error(where, "attribute 'bc_type': expected PERIODIC, WALL or OPEN, found '" + typeText + "'");
            }
            boolean[] mask = null;
            Node m = g.getChild("mask");
            if (m instanceof Dataset md) {
                mask = h.booleanData(md);
            }
            bcs.add(new BoundaryCondition(g.getName(), type, assoc, mask));
        }

        Group scalars = h.group(hdf, "scalars");
        List<SimulationParameter> params = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String p : parameterNames) {
            Node n = scalars.getChild(p);
            if (n instanceof Dataset ds) {
                boolean sv = h.hasAttribute(ds, "sample_varying") && h.flag(ds, "sample_varying");
                boolean tv = h.hasAttribute(ds, "time_varying") && h.flag(ds, "time_varying");
                int[] expected = sv && tv ? new int[]{trajectories, steps} : sv ? new int[]{trajectories}
                        : tv ? new int[]{steps} : new int[0];
                int[] found = ds.isScalar() ? new int[0] : ds.getDimensions();
                if (!Arrays.equals(found, expected)) {
                    throw h.error(HdfNodes.pathOf(ds), "expected shape " + Arrays.toString(expected) + " (sample_varying="
                            + sv + ", time_varying=" + tv + "), found " + Arrays.toString(found));
                }
                params.add(new SimulationParameter(p, sv, tv));
                // a constant parameter also sits at the root in float64: prefer it to the float32 dataset
                values.add(!sv && !tv && h.hasAttribute(hdf, p) ? new double[]{h.number(hdf, p)} : h.doubles(ds));
            } else if (h.hasAttribute(hdf, p)) {
                params.add(new SimulationParameter(p, false, false));
                values.add(new double[]{h.number(hdf, p)});
            } else {
                throw h.error("/scalars/" + p, "missing dataset (simulation parameter '" + p
                        + "' is named in simulation_parameters but has no value here nor as a root attribute)");
            }
        }
        this.parameterValues = values;

        List<FieldSpec> specs = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        List<FieldStorage> storages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long size = fileSize;
        for (int order = 0; order <= 2; order++) {
            Group g = h.group(hdf, FieldSpec.groupOf(order));
            for (String name : h.strings(g, "field_names")) {
                if (!seen.add(name)) {
                    throw h.error(HdfNodes.pathOf(g), "field '" + name + "' appears twice");
                }
                Dataset ds = h.dataset(g, name, "the values of field " + name);
                String where = HdfNodes.pathOf(ds);
                h.requireFloat(ds);
                boolean sv = h.flag(ds, "sample_varying");
                boolean tv = h.flag(ds, "time_varying");
                boolean[] dv = h.hasAttribute(ds, "dim_varying") ? h.flags(ds, "dim_varying", axes.size())
                        : filled(axes.size());
                FieldSpec spec = new FieldSpec(name, order);
                FieldStorage fs = new FieldStorage(spec, where, new SlabReader(path, ds, channel, hdf.getUserBlockSize(), size),
                        sv, tv, dv, spatialShape, channels.size());
                long[] expected = fs.expectedShape(trajectories, steps);
                long[] found = ds.getDimensionsAsLong();
                if (!Arrays.equals(expected, found)) {
                    throw h.error(where, "expected shape " + Arrays.toString(expected) + " ("
                            + describeShape(sv, tv, dv, axisNames, order) + "), found " + Arrays.toString(found));
                }
                specs.add(spec);
                channels.addAll(spec.channels(axisNames, channels.size()));
                storages.add(fs);
            }
        }
        if (channels.isEmpty()) {
            throw h.error("/t0_fields", "no fields: t0_fields, t1_fields and t2_fields list no field_names");
        }
        this.fields = storages;
        this.metadata = new WellMetadata(path, datasetName, gridType, axes, bcs, specs, channels, params,
                trajectories, steps, timeSampleVarying);
    }

    private static boolean[] filled(int n) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, true);
        return b;
    }

    private static String describeShape(boolean sv, boolean tv, boolean[] dv, List<String> axes, int order) {
        List<String> parts = new ArrayList<>();
        if (sv) {
            parts.add("trajectories");
        }
        if (tv) {
            parts.add("steps");
        }
        for (int i = 0; i < dv.length; i++) {
            if (dv[i]) {
                parts.add(axes.get(i));
            }
        }
        for (int i = 0; i < order; i++) {
            parts.add("component");
        }
        return String.join(", ", parts);
    }

    private static long fileSize(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new WellDataException(path, null, "cannot read file size: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a file and checks its metadata.
     *
     * @throws WellDataException if the file is missing, not HDF5, truncated, or does not follow The Well's layout
     */
    public static WellFile open(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new WellDataException(p, null, "no such file");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(p);
        } catch (RuntimeException e) {
            throw new WellDataException(p, null, "not a readable HDF5 file (truncated or corrupt?): " + e.getMessage(), e);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(p, StandardOpenOption.READ);
            return new WellFile(p, hdf, channel);
        } catch (WellDataException e) {
            closeQuietly(hdf, channel);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(hdf, channel);
            throw new WellDataException(p, null, "not a readable file in The Well's layout (truncated or corrupt?): " + e, e);
        }
    }

    private static void closeQuietly(HdfFile hdf, FileChannel channel) {
        try {
            hdf.close();
        } catch (RuntimeException ignored) {
            // already failing
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // already failing
        }
    }

    public Path path() {
        return path;
    }

    public WellMetadata metadata() {
        return metadata;
    }

    public int trajectories() {
        return metadata.trajectories();
    }

    public int steps() {
        return metadata.steps();
    }

    /** Values in a window of {@code length} states: {@code length * C * H * W (* D)}. */
    public int windowSize(int length) {
        return length * metadata.frameSize();
    }

    /** Reads a window into a new array laid out {@code [length, C, H, W(, D)]}. */
    public float[] readWindow(int trajectory, int start, int length, int stride) {
        float[] out = new float[windowSize(length)];
        readWindow(trajectory, start, length, stride, out, 0);
        return out;
    }

    /**
     * Reads a window into {@code out} from {@code offset}, laid out {@code [length, C, H, W(, D)]}.
     *
     * @throws WellDataException if the window does not fit in the trajectory, or the file cannot be read
     */
    public void readWindow(int trajectory, int start, int length, int stride, float[] out, int offset) {
        checkWindow(trajectory, start, length, stride);
        if (offset < 0 || offset + (long) windowSize(length) > out.length) {
            throw new IllegalArgumentException("output array of " + out.length + " values cannot hold a window of "
                    + windowSize(length) + " values from offset " + offset);
        }
        int channels = metadata.channelCount();
        int points = metadata.pointsPerChannel();
        for (FieldStorage f : fields) {
            f.readInto(trajectory, start, length, stride, channels, points, out, offset);
        }
    }

    private void checkWindow(int trajectory, int start, int length, int stride) {
        String where = fields.get(0).path;
        if (trajectory < 0 || trajectory >= trajectories()) {
            throw new WellDataException(path, where, "trajectory " + trajectory + " does not exist: the file holds "
                    + trajectories() + " (0.." + (trajectories() - 1) + ")");
        }
        if (length < 1 || stride < 1) {
            throw new WellDataException(path, where, "a window needs length >= 1 and stride >= 1, got length "
                    + length + ", stride " + stride);
        }
        long last = start + (long) (length - 1) * stride;
        if (start < 0 || last >= steps()) {
            throw new WellDataException(path, where, "window beyond the trajectory: " + length + " steps at stride "
                    + stride + " from step " + start + " need steps " + start + ".." + last + " but trajectory "
                    + trajectory + " has steps 0.." + (steps() - 1));
        }
    }

    /** Time coordinates of a trajectory ({@code /dimensions/time}). */
    public double[] times(int trajectory) {
        checkTrajectory(trajectory);
        int t = steps();
        if (metadata.timeSampleVarying()) {
            return Arrays.copyOfRange(time, trajectory * t, trajectory * t + t);
        }
        return time.clone();
    }

    /** Values of the simulation parameters for a trajectory at a time step, in {@code simulation_parameters} order. */
    public double[] parameters(int trajectory, int step) {
        checkTrajectory(trajectory);
        if (step < 0 || step >= steps()) {
            throw new WellDataException(path, "/scalars", "step " + step + " does not exist: trajectories have "
                    + steps() + " steps");
        }
        List<SimulationParameter> ps = metadata.parameters();
        double[] out = new double[ps.size()];
        for (int i = 0; i < out.length; i++) {
            SimulationParameter p = ps.get(i);
            int index = (p.sampleVarying() ? trajectory : 0) * (p.timeVarying() ? steps() : 1)
                    + (p.timeVarying() ? step : 0);
            out[i] = parameterValues.get(i)[index];
        }
        return out;
    }

    private void checkTrajectory(int trajectory) {
        if (trajectory < 0 || trajectory >= trajectories()) {
            throw new WellDataException(path, null, "trajectory " + trajectory + " does not exist: the file holds "
                    + trajectories());
        }
    }

    @Override
    public void close() {
        closeQuietly(hdf, channel);
    }

    @Override
    public String toString() {
        return "WellFile[" + path + "]";
    }
}
