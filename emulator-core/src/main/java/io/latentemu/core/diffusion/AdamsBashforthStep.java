package io.latentemu.core.diffusion;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adams-Bashforth (linear multistep) integration of the probability-flow ODE
 * {@code dx/dsigma = (x - D(x, sigma)) / sigma} in the variable sigma (= sigma/alpha for any schedule):
 * the velocity is interpolated by the polynomial through the last {@code order} evaluations and
 * integrated exactly over the step. Order 1 is Euler's method; the study samples with order 3.
 * The first steps use the evaluations available (order 1, then 2, ...).
 *
 * <p>Steps are uneven in sigma, so the weights are recomputed each step: weight j is the integral over
 * [sigmaT, sigmaS] of the Lagrange polynomial that is 1 at node j and 0 at the others, evaluated with
 * Gauss-Legendre quadrature (exact for these degrees).
 *
 * @param order number of evaluations combined, 1 to 4
 */
public record AdamsBashforthStep(int order) implements StepRule {

    /** Euler's method on sigma (the same as DDIM with eta = 0). */
    public static AdamsBashforthStep euler() {
        return new AdamsBashforthStep(1);
    }

    public AdamsBashforthStep {
        if (order < 1 || order > 4) {
            throw new IllegalArgumentException("Adams-Bashforth order must be 1 to 4, got " + order);
        }
    }

    @Override
    public int memory() {
        return order;
    }

    @Override
    public INDArray advance(StepContext ctx) {
        int n = ctx.historySize();
        double[] nodes = new double[n];
        for (int j = 0; j < n; j++) {
            nodes[j] = ctx.previous(j).sigma();
        }
        double[] w = weights(nodes, ctx.sigmaT(), ctx.sigmaS());
        INDArray x = ctx.nextState().assign(ctx.x());
        for (int j = 0; j < n; j++) {
            StepContext.addScaled(x, w[j], ctx.previous(j).derivative());
        }
        return x;
    }

    /** Gauss-Legendre nodes and weights on [-1, 1], exact for polynomials up to degree 5. */
    private static final double[] GL_X = {-Math.sqrt(0.6), 0.0, Math.sqrt(0.6)};
    private static final double[] GL_W = {5.0 / 9, 8.0 / 9, 5.0 / 9};

    /**
     * Weights {@code w_j = integral from a to b of l_j(u) du}, where l_j is the Lagrange basis polynomial
     * of {@code nodes} (1 at nodes[j], 0 at the others).
     */
    static double[] weights(double[] nodes, double a, double b) {
        int n = nodes.length;
        double[] w = new double[n];
        double half = 0.5 * (b - a);
        double mid = 0.5 * (a + b);
        for (int q = 0; q < GL_X.length; q++) {
            double u = mid + half * GL_X[q];
            for (int j = 0; j < n; j++) {
                double l = 1.0;
                for (int k = 0; k < n; k++) {
                    if (k != j) {
                        l *= (u - nodes[k]) / (nodes[j] - nodes[k]);
                    }
                }
                w[j] += GL_W[q] * half * l;
            }
        }
        return w;
    }
}
