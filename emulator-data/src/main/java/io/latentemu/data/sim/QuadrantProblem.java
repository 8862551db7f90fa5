package io.latentemu.data.sim;

import java.util.SplittableRandom;

/**
 * A 2-D Riemann problem of four quadrants: the unit square split at {@code (splitX, splitY)}, each
 * quadrant holding a constant state {@code (density, u, v, pressure)}. Quadrants are numbered
 * 0: x &lt; splitX, y &lt; splitY; 1: x &ge; splitX, y &lt; splitY; 2: x &lt; splitX, y &ge; splitY; 3: the rest.
 */
public record QuadrantProblem(double splitX, double splitY, double[][] states) {

    public QuadrantProblem {
        if (states.length != 4) {
            throw new IllegalArgumentException("four quadrant states expected, got " + states.length);
        }
        for (double[] s : states) {
            if (s.length != 4 || !(s[0] > 0) || !(s[3] > 0)) {
                throw new IllegalArgumentException("a state is (density > 0, u, v, pressure > 0)");
            }
        }
    }

    /** A random problem with split point and states drawn from the configuration's ranges. */
    public static QuadrantProblem random(EulerConfig config, SplittableRandom random) {
        double sx = config.split().sample(random);
        double sy = config.split().sample(random);
        double[][] states = new double[4][];
        for (int q = 0; q < 4; q++) {
            double rho = config.density().sample(random);
            double u = config.velocity().sample(random);
            double v = config.velocity().sample(random);
            double p = config.pressure().sample(random);
            states[q] = new double[] {rho, u, v, p};
        }
        return new QuadrantProblem(sx, sy, states);
    }

    /** Sets every cell of the solver (cells of side 1/n on the unit square) from its centre's quadrant. */
    public void initialise(EulerSolver solver) {
        int nx = solver.nx();
        int ny = solver.ny();
        for (int i = 0; i < nx; i++) {
            boolean right = (i + 0.5) / nx >= splitX;
            for (int j = 0; j < ny; j++) {
                boolean top = (j + 0.5) / ny >= splitY;
                double[] s = states[(right ? 1 : 0) + (top ? 2 : 0)];
                solver.setPrimitive(i, j, s[0], s[1], s[2], s[3]);
            }
        }
    }
}
