package io.latentemu.data.sim;

import io.latentemu.data.well.BoundaryType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kolmogorov flow: forced, damped incompressible 2-D Navier-Stokes on {@code [0, 2 pi)^2} from a random
 * smooth initial vorticity, evolved by {@link VorticitySolver}. Fields: vorticity (scalar) and velocity
 * (vector). One parameter, the Reynolds number {@code 1 / nu}; one file per value.
 */
public final class NavierStokesSimulator implements Simulator {

    private final NavierStokesConfig config;

    public NavierStokesSimulator(NavierStokesConfig config) {
        this.config = config;
    }

    @Override
    public NavierStokesConfig config() {
        return config;
    }

    @Override
    public String datasetName() {
        return "kolmogorov_flow";
    }

    @Override
    public List<String> scalarFields() {
        return List.of("vorticity");
    }

    @Override
    public List<String> vectorFields() {
        return List.of("velocity");
    }

    @Override
    public List<String> parameterNames() {
        return List.of("reynolds");
    }

    @Override
    public List<double[]> parameterSets() {
        List<double[]> sets = new ArrayList<>();
        for (double re : config.reynolds()) {
            sets.add(new double[] {re});
        }
        return sets;
    }

    @Override
    public double domainLength() {
        return 2 * Math.PI;
    }

    @Override
    public float[] coordinates() {
        return SimulationChecks.uniformCoordinates(config.resolution(), domainLength(), 0.0);
    }

    @Override
    public BoundaryType boundary() {
        return BoundaryType.PERIODIC;
    }

    /** A solver at this configuration's grid, forcing and drag for Reynolds number {@code re}. */
    public VorticitySolver newSolver(double re) {
        return new VorticitySolver(config.resolution(), 1.0 / re, config.drag(), config.forcingAmplitude(),
                config.forcingWavenumber());
    }

    @Override
    public SimulatedTrajectory simulate(double[] parameters, long seed, FrameListener listener) {
        FrameLoop.checkParameters(this, parameters);
        VorticitySolver solver = newSolver(parameters[0]);
        solver.setVorticity(RandomField.gaussian(config.resolution(), config.initialCutoff(), config.initialRms(),
                new SplittableRandom(seed)));
        if (config.spinUpTime() > 0) {
            solver.advance(config.spinUpTime(), config.cfl(), config.maxTimeStep());
        }
        return FrameLoop.record(this, parameters, listener,
                interval -> solver.advance(interval, config.cfl(), config.maxTimeStep()),
                solver::writeFields, solver::steps);
    }
}
