package io.latentemu.core.metrics;

/**
 * The Well's pointwise error metrics of a prediction {@code x} against the truth {@code y} of one field
 * (one sample, time and channel, all spatial points):
 * <pre>
 *   MSE   = mean((x - y)^2)                    RMSE  = sqrt(MSE)
 *   NRMSE = sqrt(MSE / (mean(y^2) + eps))       VRMSE = sqrt(MSE / (var(y) + eps))
 *   LInf  = max |x - y|
 * </pre>
 * with {@code eps = 1e-7} and {@code var} the unbiased variance (N - 1), as The Well's code computes them
 * ({@code torch.std} squared).
 */
public final class PointwiseMetrics {

    /** The Well's guard against division by zero. */
    public static final double EPS = 1e-7;

    private PointwiseMetrics() {
    }

    public static double mse(double[] x, double[] y) {
        check(x, y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - y[i];
            s += d * d;
        }
        return s / x.length;
    }

    public static double rmse(double[] x, double[] y) {
        return Math.sqrt(mse(x, y));
    }

    public static double nrmse(double[] x, double[] y) {
        double norm = 0;
        for (double v : y) {
            norm += v * v;
        }
        return Math.sqrt(mse(x, y) / (norm / y.length + EPS));
    }

    public static double vrmse(double[] x, double[] y) {
        return Math.sqrt(mse(x, y) / (variance(y) + EPS));
    }

    public static double linf(double[] x, double[] y) {
        check(x, y);
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    /** Unbiased sample variance (divides by N - 1; 0 for a single point). */
    public static double variance(double[] y) {
        if (y.length < 2) {
            return 0;
        }
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - mean) * (v - mean);
        }
        return s / (y.length - 1);
    }

    static void check(double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("fields must have the same, non-zero size: " + x.length + " and " + y.length);
        }
    }
}
