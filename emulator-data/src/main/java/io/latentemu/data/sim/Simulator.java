package io.latentemu.data.sim;

import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.write.WellDescription;

import java.util.List;

/**
 * A built-in physics simulator that produces trajectories for a dataset in The Well's layout: it
 * names its fields and parameters, lists the parameter sets (one per file, as in The Well) and runs
 * one trajectory from a seed.
 *
 * <p>The domain is a square of side {@link #domainLength()} divided into {@code resolution} cells
 * per side; frames are {@link #outputInterval()} apart in physical time, the first one being the
 * initial state. The solver takes as many internal steps between frames as its stability needs.
 * Implementations are immutable and thread-safe: trajectories may run in parallel.
 */
public interface Simulator {

    /**
     * The settings this simulator runs with (for the built-ins, their configuration record), serialisable
     * with Jackson: recorded with a generated dataset, so a resumed generation can check it continues the
     * same one.
     */
    SimulationSettings config();

    /** The Well's {@code dataset_name}, e.g. {@code euler_multi_quadrants_periodicBC}. */
    String datasetName();

    /** Scalar fields (The Well's t0 fields), in channel order. */
    List<String> scalarFields();

    /** Vector fields (t1 fields), each giving two channels {@code name_x, name_y} after the scalars. */
    List<String> vectorFields();

    /** Number of channels of a state: scalars plus two per vector field. */
    default int channels() {
        return scalarFields().size() + 2 * vectorFields().size();
    }

    /** Names of the simulation parameters, e.g. {@code gamma}. */
    List<String> parameterNames();

    /** The parameter sets to generate, each of {@code parameterNames().size()} values; one file each. */
    List<double[]> parameterSets();

    /** Cells per side. */
    default int resolution() {
        return config().resolution();
    }

    /** Saved frames per trajectory, including the initial state. */
    default int frames() {
        return config().frames();
    }

    /** Physical time between saved frames. */
    default double outputInterval() {
        return config().outputInterval();
    }

    /** Side of the square domain. */
    double domainLength();

    /** Boundary condition on all four sides. */
    BoundaryType boundary();

    /**
     * Coordinates of the grid points along x (and y, the same): cell centres for finite volumes,
     * collocation points {@code i * h} for spectral solvers.
     */
    float[] coordinates();

    /** The layout of this simulator's files in The Well's format (axes x, y; fields; parameters). */
    default WellDescription description() {
        WellDescription.Builder b = WellDescription.builder(datasetName());
        b.axis(new Axis("x", coordinates()), boundary());
        b.axis(new Axis("y", coordinates()), boundary());
        scalarFields().forEach(f -> b.field(f, 0));
        vectorFields().forEach(f -> b.field(f, 1));
        parameterNames().forEach(b::parameter);
        return b.build();
    }

    /** Runs one trajectory; the same parameters and seed give the same numbers. */
    SimulatedTrajectory simulate(double[] parameters, long seed, FrameListener listener);

    /** Runs one trajectory without progress reports. */
    default SimulatedTrajectory simulate(double[] parameters, long seed) {
        return simulate(parameters, seed, FrameListener.NONE);
    }
}
