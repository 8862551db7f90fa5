package io.latentemu.data.sim;

import io.latentemu.data.well.BoundaryType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Euler multi-quadrant Riemann problems, after The Well's {@code euler_multi_quadrants}: the unit
 * square split into four quadrants at a random point, each with a random constant density, velocity
 * and pressure, evolved by {@link EulerSolver}. Fields: energy, density, pressure (scalars) and
 * momentum (vector), in The Well's order. One parameter, gamma; one file per value.
 */
public final class EulerSimulator implements Simulator {

    private final EulerConfig config;

    public EulerSimulator(EulerConfig config) {
        this.config = config;
    }

    @Override
    public EulerConfig config() {
        return config;
    }

    @Override
    public String datasetName() {
        return "euler_multi_quadrants_" + (config.boundary() == BoundaryType.PERIODIC ? "periodicBC" : "openBC");
    }

    @Override
    public List<String> scalarFields() {
        return List.of("energy", "density", "pressure");
    }

    @Override
    public List<String> vectorFields() {
        return List.of("momentum");
    }

    @Override
    public List<String> parameterNames() {
        return List.of("gamma");
    }

    @Override
    public List<double[]> parameterSets() {
        List<double[]> sets = new ArrayList<>();
        for (double g : config.gammas()) {
            sets.add(new double[] {g});
        }
        return sets;
    }

    @Override
    public double domainLength() {
        return 1.0;
    }

    @Override
    public float[] coordinates() {
        return SimulationChecks.uniformCoordinates(config.resolution(), domainLength(), 0.5);
    }

    @Override
    public BoundaryType boundary() {
        return config.boundary();
    }

    /** A solver for one trajectory at this configuration's grid and scheme. */
    public EulerSolver newSolver(double gamma) {
        int n = config.resolution();
        return new EulerSolver(n, n, 1.0 / n, 1.0 / n, gamma, config.cfl(), config.boundary(), config.limiter());
    }

    @Override
    public SimulatedTrajectory simulate(double[] parameters, long seed, FrameListener listener) {
        FrameLoop.checkParameters(this, parameters);
        EulerSolver solver = newSolver(parameters[0]);
        QuadrantProblem.random(config, new SplittableRandom(seed)).initialise(solver);
        return FrameLoop.record(this, parameters, listener, interval -> solver.advanceTo(solver.time() + interval),
                solver::writeFields, solver::steps);
    }
}
