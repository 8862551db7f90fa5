package io.latentemu.data.write;

import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.well.Channel;
import io.latentemu.data.well.FieldSpec;
import io.latentemu.data.well.WellMetadata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a dataset written in The Well's layout holds: its name, the grid (axes with coordinates and one
 * boundary condition per axis), the fields with their tensor order, and the names of the simulation
 * parameters. Trajectories handed to {@link WellWriter} are laid out after it: {@code [T, C, H, W(, D)]}
 * with channels in {@link #channels()} order (the fields in declaration order, vectors and tensors expanded).
 *
 * <p>Fields must be declared by order: scalar fields first, then vector fields, then tensor fields,
 * which is the order The Well's readers flatten them in.
 *
 * @param datasetName root attribute {@code dataset_name}
 * @param gridType    root attribute {@code grid_type} ({@code cartesian} unless told otherwise)
 * @param axes        spatial axes in storage order (x, y, z)
 * @param boundaries  boundary condition of each axis, same order as {@code axes}
 * @param fields      fields in channel order
 * @param parameters  names of the simulation parameters
 */
public record WellDescription(String datasetName, String gridType, List<Axis> axes, List<BoundaryType> boundaries,
                              List<FieldSpec> fields, List<String> parameters) {

    /** Root attributes of The Well's layout; a parameter may not take one of these names. */
    private static final Set<String> RESERVED = Set.of("dataset_name", "grid_type", "n_spatial_dims",
            "n_trajectories", "simulation_parameters");

    public WellDescription {
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(gridType, "gridType");
        if (datasetName.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank");
        }
        axes = List.copyOf(axes);
        boundaries = List.copyOf(boundaries);
        fields = List.copyOf(fields);
        parameters = List.copyOf(parameters);
        if (axes.isEmpty() || axes.size() > 3) {
            throw new IllegalArgumentException("a dataset needs 1 to 3 spatial axes, got " + axes.size());
        }
        if (boundaries.size() != axes.size()) {
            throw new IllegalArgumentException("one boundary condition per axis: " + axes.size() + " axes, "
                    + boundaries.size() + " boundary conditions");
        }
        Set<String> names = new HashSet<>();
        for (Axis a : axes) {
            if (!names.add(a.name()) || a.name().equals("time")) {
                throw new IllegalArgumentException("axis names must be unique and not 'time': " + a.name());
            }
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one field");
        }
        Set<String> fieldNames = new HashSet<>();
        int lastOrder = 0;
        for (FieldSpec f : fields) {
            if (!fieldNames.add(f.name())) {
                throw new IllegalArgumentException("field '" + f.name() + "' declared twice");
            }
            if (f.order() < lastOrder) {
                throw new IllegalArgumentException("declare fields by order (scalars, then vectors, then tensors): '"
                        + f.name() + "' of order " + f.order() + " comes after a field of order " + lastOrder);
            }
            lastOrder = f.order();
        }
        Set<String> paramNames = new HashSet<>();
        for (String p : parameters) {
            if (p == null || p.isBlank() || !paramNames.add(p) || RESERVED.contains(p)) {
                throw new IllegalArgumentException("parameter names must be unique, not blank and not one of "
                        + RESERVED + ": '" + p + "'");
            }
        }
    }

    public static Builder builder(String datasetName) {
        return new Builder(datasetName);
    }

    /**
     * The description of an existing file (e.g. to write a modified copy). An axis with several boundary
     * conditions keeps the first; an axis without any is marked {@link BoundaryType#OPEN}.
     */
    public static WellDescription of(WellMetadata m) {
        Builder b = builder(m.datasetName()).gridType(m.gridType());
        for (int i = 0; i < m.axes().size(); i++) {
            List<BoundaryType> types = m.boundaryTypes(i);
            b.axis(m.axes().get(i), types.isEmpty() ? BoundaryType.OPEN : types.get(0));
        }
        m.fields().forEach(b::field);
        m.parameterNames().forEach(b::parameter);
        return b.build();
    }

    public int spatialDims() {
        return axes.size();
    }

    public List<String> axisNames() {
        return Axis.names(axes);
    }

    public int[] spatialShape() {
        return Axis.shape(axes);
    }

    public int pointsPerChannel() {
        return Axis.points(axes);
    }

    /** The channels of a state, in the order trajectories must follow. */
    public List<Channel> channels() {
        List<Channel> out = new ArrayList<>();
        for (FieldSpec f : fields) {
            out.addAll(f.channels(axisNames(), out.size()));
        }
        return out;
    }

    public List<String> channelNames() {
        return channels().stream().map(Channel::name).toList();
    }

    public int channelCount() {
        int n = 0;
        for (FieldSpec f : fields) {
            n += f.channelCount(axes.size());
        }
        return n;
    }

    /** Values in one state {@code [C, H, W(, D)]}. */
    public int frameSize() {
        return channelCount() * pointsPerChannel();
    }

    /** Builds a {@link WellDescription} step by step. */
    public static final class Builder {
        private final String datasetName;
        private String gridType = "cartesian";
        private final List<Axis> axes = new ArrayList<>();
        private final List<BoundaryType> boundaries = new ArrayList<>();
        private final List<FieldSpec> fields = new ArrayList<>();
        private final List<String> parameters = new ArrayList<>();

        private Builder(String datasetName) {
            this.datasetName = datasetName;
        }

        public Builder gridType(String gridType) {
            this.gridType = gridType;
            return this;
        }

        /** Adds the next spatial axis (x, then y, then z) and its boundary condition. */
        public Builder axis(Axis axis, BoundaryType boundary) {
            axes.add(Objects.requireNonNull(axis, "axis"));
            boundaries.add(Objects.requireNonNull(boundary, "boundary"));
            return this;
        }

        /** Adds a field of tensor order 0 (scalar), 1 (vector) or 2 (tensor). */
        public Builder field(String name, int order) {
            return field(new FieldSpec(name, order));
        }

        public Builder field(FieldSpec field) {
            fields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** Adds the name of a simulation parameter (values come with each trajectory). */
        public Builder parameter(String name) {
            parameters.add(name);
            return this;
        }

        public WellDescription build() {
            return new WellDescription(datasetName, gridType, axes, boundaries, fields, parameters);
        }
    }
}
