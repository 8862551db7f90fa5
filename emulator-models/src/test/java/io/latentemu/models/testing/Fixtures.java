package io.latentemu.models.testing;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small deterministic data sets for the trainability tests: smooth periodic fields. */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * {@code n} states {@code [n, c, h, w]}: per sample and channel a sum of three low Fourier modes with
     * amplitudes and phases drawn from {@code seed}; values of order one.
     */
    public static INDArray smoothStates(int n, int c, int h, int w, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] v = new double[n * c * h * w];
        int k = 0;
        for (int s = 0; s < n; s++) {
            for (int ch = 0; ch < c; ch++) {
                double[] amp = new double[3];
                double[] phase = new double[3];
                int[][] modes = {{1, 0}, {0, 1}, {1, 1}};
                for (int m = 0; m < 3; m++) {
                    amp[m] = rng.nextGaussian();
                    phase[m] = 2 * Math.PI * rng.nextDouble();
                }
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        double x = 0;
                        for (int m = 0; m < 3; m++) {
                            x += amp[m] * Math.cos(2 * Math.PI * (modes[m][0] * i / (double) h + modes[m][1] * j / (double) w) + phase[m]);
                        }
                        v[k++] = x;
                    }
                }
            }
        }
        return Nd4j.create(v, new long[]{n, c, h, w}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    /**
     * {@code n} windows {@code [n, l, c, h, w]} of a field translating by one cell per frame along W
     * (a periodic advection), so frames follow from the first one.
     */
    public static INDArray advectedWindows(int n, int l, int c, int h, int w, long seed) {
        INDArray first = smoothStates(n, c, h, w, seed);
        INDArray out = Nd4j.zeros(DataType.FLOAT, n, l, c, h, w);
        for (int f = 0; f < l; f++) {
            INDArray shifted = Nd4j.zeros(DataType.FLOAT, n, c, h, w);
            for (int j = 0; j < w; j++) {
                int src = Math.floorMod(j - f, w);
                shifted.get(all(), all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.point(j))
                        .assign(first.get(all(), all(), all(), org.nd4j.linalg.indexing.NDArrayIndex.point(src)));
            }
            out.get(all(), org.nd4j.linalg.indexing.NDArrayIndex.point(f), all(), all(), all()).assign(shifted);
        }
        return out;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex all() {
        return org.nd4j.linalg.indexing.NDArrayIndex.all();
    }

    /**
     * VRMSE of states {@code [N, C, H, W]}: per channel {@code sqrt(mean((u - v)^2) / var(u))} over samples and
     * grid, averaged over channels.
     */
    public static double vrmse(INDArray truth, INDArray estimate) {
        long channels = truth.size(1);
        double sum = 0;
        for (long c = 0; c < channels; c++) {
            INDArray u = truth.get(all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup();
            INDArray v = estimate.get(all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup();
            double rms = u.sub(v).norm2Number().doubleValue();
            double mse = rms * rms / u.length();
            double var = u.varNumber().doubleValue() * (u.length() - 1) / u.length();
            sum += Math.sqrt(mse / var);
        }
        return sum / channels;
    }
}
