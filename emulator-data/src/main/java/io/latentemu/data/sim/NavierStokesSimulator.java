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
    public int resolution() {
        return config.resolution();
    }

    @Override
    public int frames() {
        return config.frames();
    }

    @Override
    public double outputInterval() {
        return config.outputInterval();
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
        if (parameters.length != 1) {
            throw new IllegalArgumentException("Navier-Stokes takes one parameter (reynolds), got " + parameters.length);
        }
        int n = config.resolution();
        VorticitySolver solver = newSolver(parameters[0]);
        solver.setVorticity(RandomField.gaussian(n, config.initialCutoff(), config.initialRms(),
                new SplittableRandom(seed)));
        if (config.spinUpTime() > 0) {
            solver.advance(config.spinUpTime(), config.cfl(), config.maxTimeStep());
        }
        int cells = n * n;
        int frameSize = channels() * cells;
        int frames = config.frames();
        float[] fields = new float[frames * frameSize];
        double[] times = new double[frames];
        double[] w = new double[cells];
        double[] u = new double[cells];
        double[] v = new double[cells];
        for (int t = 0; t < frames; t++) {
            if (t > 0) {
                solver.advance(config.outputInterval(), config.cfl(), config.maxTimeStep());
            }
            solver.vorticity(w);
            solver.velocity(u, v);
            int base = t * frameSize;
            for (int c = 0; c < cells; c++) {
                fields[base + c] = (float) w[c];
                fields[base + cells + c] = (float) u[c];
                fields[base + 2 * cells + c] = (float) v[c];
            }
            times[t] = t * config.outputInterval();
            listener.frameDone(t + 1, frames);
        }
        return new SimulatedTrajectory(fields, times, channels(), n, parameters.clone(), solver.steps());
    }
}
