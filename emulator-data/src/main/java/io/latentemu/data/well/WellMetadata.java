package io.latentemu.data.well;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one file of The Well holds: dataset name, grid, axes, boundary conditions, fields flattened to
 * channels, simulation parameters, number of trajectories and time steps.
 *
 * <p>Channels come in The Well's order: the fields of {@code t0_fields} in their {@code field_names} order,
 * then those of {@code t1_fields}, then {@code t2_fields}; a vector or tensor field expands to its components.
 *
 * @param file                the file it was read from (null for metadata built in memory)
 * @param datasetName         root attribute {@code dataset_name}
 * @param gridType            root attribute {@code grid_type}, e.g. {@code cartesian}
 * @param axes                spatial axes in storage order (x, y, z): x maps to H, y to W, z to D
 * @param boundaryConditions  groups of {@code /boundary_conditions}
 * @param fields              fields in channel order
 * @param channels            channels in state order
 * @param parameters          simulation parameters in {@code simulation_parameters} order
 * @param trajectories        number of trajectories
 * @param steps               time steps per trajectory
 * @param timeSampleVarying   whether each trajectory has its own time coordinates ({@code time} is (B, T))
 */
public record WellMetadata(Path file, String datasetName, String gridType, List<Axis> axes,
                           List<BoundaryCondition> boundaryConditions, List<FieldSpec> fields, List<Channel> channels,
                           List<SimulationParameter> parameters, int trajectories, int steps,
                           boolean timeSampleVarying) {

    public WellMetadata {
        Objects.requireNonNull(datasetName, "datasetName");
        axes = List.copyOf(axes);
        boundaryConditions = List.copyOf(boundaryConditions);
        fields = List.copyOf(fields);
        channels = List.copyOf(channels);
        parameters = List.copyOf(parameters);
    }

    /** Number of spatial dimensions (2 or 3). */
    public int spatialDims() {
        return axes.size();
    }

    /** Axis names in storage order, e.g. {@code [x, y]}. */
    public List<String> axisNames() {
        return Axis.names(axes);
    }

    /** Grid points per axis, e.g. {@code [H, W]} or {@code [H, W, D]}. */
    public int[] spatialShape() {
        return Axis.shape(axes);
    }

    /** Points per state and channel: the product of {@link #spatialShape()}. */
    public int pointsPerChannel() {
        return Axis.points(axes);
    }

    /** Values in one state {@code [C, H, W(, D)]}. */
    public int frameSize() {
        return channels.size() * pointsPerChannel();
    }

    public int channelCount() {
        return channels.size();
    }

    public List<String> channelNames() {
        return channels.stream().map(Channel::name).toList();
    }

    public List<String> parameterNames() {
        return parameters.stream().map(SimulationParameter::name).toList();
    }

    /** The boundary condition types that apply to an axis (empty when the file declares none). */
    public List<BoundaryType> boundaryTypes(int axis) {
        String name = axes.get(axis).name();
        List<BoundaryType> out = new ArrayList<>();
        for (BoundaryCondition bc : boundaryConditions) {
            if (bc.axes().contains(name) && !out.contains(bc.type())) {
                out.add(bc.type());
            }
        }
        return out;
    }

    /** Whether the axis is periodic. */
    public boolean isPeriodic(int axis) {
        return boundaryTypes(axis).contains(BoundaryType.PERIODIC);
    }

    /**
     * Whether mirroring the axis maps the boundary conditions onto themselves: the axis has declared
     * conditions and each one's mask reads the same backwards.
     */
    public boolean isMirrorSymmetric(int axis) {
        String name = axes.get(axis).name();
        boolean any = false;
        for (BoundaryCondition bc : boundaryConditions) {
            if (bc.axes().contains(name)) {
                any = true;
                if (bc.axes().size() != 1 || !bc.isMirrorSymmetric()) {
                    return false;
                }
            }
        }
        return any;
    }

    public Optional<Channel> channel(String name) {
        return channels.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Describes the first difference in grid, channels or parameters between this file and another, or
     * returns empty when files can share a split.
     */
    public Optional<String> layoutDifference(WellMetadata other) {
        if (!Arrays.equals(spatialShape(), other.spatialShape())) {
            return Optional.of("resolution " + Arrays.toString(spatialShape()) + " differs from "
                    + Arrays.toString(other.spatialShape()));
        }
        if (!axisNames().equals(other.axisNames())) {
            return Optional.of("axes " + axisNames() + " differ from " + other.axisNames());
        }
        if (!channelNames().equals(other.channelNames())) {
            return Optional.of("channels " + channelNames() + " differ from " + other.channelNames());
        }
        if (!parameterNames().equals(other.parameterNames())) {
            return Optional.of("simulation parameters " + parameterNames() + " differ from " + other.parameterNames());
        }
        return Optional.empty();
    }
}
