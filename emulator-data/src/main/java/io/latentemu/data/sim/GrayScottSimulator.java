package io.latentemu.data.sim;

import io.latentemu.data.well.BoundaryType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gray-Scott pattern formation, after The Well's {@code gray_scott_reaction_diffusion}: the
 * homogeneous state A = 1, B = 0 seeded with random Gaussian spots of B (where A is depleted
 * accordingly), evolved by {@link GrayScottSolver}. Fields: A and B (scalars). Parameters: F and k;
 * one file per pair.
 */
public final class GrayScottSimulator implements Simulator {

    private final GrayScottConfig config;

    public GrayScottSimulator(GrayScottConfig config) {
        this.config = config;
    }

    @Override
    public GrayScottConfig config() {
        return config;
    }

    @Override
    public String datasetName() {
        return "gray_scott_reaction_diffusion";
    }

    @Override
    public List<String> scalarFields() {
        return List.of("A", "B");
    }

    @Override
    public List<String> vectorFields() {
        return List.of();
    }

    @Override
    public List<String> parameterNames() {
        return List.of("F", "k");
    }

    @Override
    public List<double[]> parameterSets() {
        List<double[]> sets = new ArrayList<>();
        for (List<Double> pair : config.feedKill()) {
            sets.add(new double[] {pair.get(0), pair.get(1)});
        }
        return sets;
    }

    @Override
    public double domainLength() {
        return config.domainLength();
    }

    @Override
    public float[] coordinates() {
        return SimulationChecks.uniformCoordinates(config.resolution(), domainLength(), 0.0);
    }

    @Override
    public BoundaryType boundary() {
        return BoundaryType.PERIODIC;
    }

    /** A solver at this configuration's grid and diffusivities for feed {@code f} and kill {@code k}. */
    public GrayScottSolver newSolver(double f, double k) {
        return new GrayScottSolver(config.resolution(), config.domainLength(), config.diffusivityA(),
                config.diffusivityB(), f, k);
    }

    /**
     * The seeding: g = min(1, sum of Gaussian bumps of height 2 at random centres, periodic distance),
     * then A = 1 - g / 2 and B = g / 4: plateaus of Pearson's perturbed values (1/2, 1/4) with smooth edges.
     */
    void seed(SplittableRandom random, double[] a, double[] b) {
        int n = config.resolution();
        int count = (int) Math.floor(config.spots().sample(random));
        double[] g = new double[n * n];
        for (int s = 0; s < count; s++) {
            double cx = random.nextDouble();
            double cy = random.nextDouble();
            double sigma = config.spotRadius().sample(random);
            for (int i = 0; i < n; i++) {
                double dx = periodicDistance((double) i / n, cx);
                for (int j = 0; j < n; j++) {
                    double dy = periodicDistance((double) j / n, cy);
                    g[i * n + j] += 2.0 * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                }
            }
        }
        for (int c = 0; c < g.length; c++) {
            double v = Math.min(1.0, g[c]);
            a[c] = 1.0 - 0.5 * v;
            b[c] = 0.25 * v;
        }
    }

    private static double periodicDistance(double x, double centre) {
        double d = Math.abs(x - centre);
        return Math.min(d, 1.0 - d);
    }

    @Override
    public SimulatedTrajectory simulate(double[] parameters, long seed, FrameListener listener) {
        FrameLoop.checkParameters(this, parameters);
        int cells = config.resolution() * config.resolution();
        double[] a = new double[cells];
        double[] b = new double[cells];
        seed(new SplittableRandom(seed), a, b);
        GrayScottSolver solver = newSolver(parameters[0], parameters[1]);
        solver.setState(a, b);
        return FrameLoop.record(this, parameters, listener, interval -> solver.advance(interval, config.maxTimeStep()),
                solver::writeFields, solver::steps);
    }
}
