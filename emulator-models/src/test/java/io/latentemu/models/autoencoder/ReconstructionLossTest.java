package io.latentemu.models.autoencoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The reconstruction losses against plain-Java sums, and the VRMSE one's gradient against finite differences. */
class ReconstructionLossTest {

    private static final int N = 2, C = 3, H = 4, W = 5;

    private static double graphLoss(ReconstructionLoss loss, INDArray y, INDArray x) {
        SameDiff sd = SameDiff.create();
        SDVariable yv = sd.placeHolder("y", DataType.DOUBLE, -1, C, H, W);
        SDVariable xv = sd.placeHolder("x", DataType.DOUBLE, -1, C, H, W);
        SDVariable out = loss.of(yv, xv);
        return sd.output(Map.of("y", y, "x", x), out.name()).get(out.name()).getDouble(0);
    }

    /** Hand-written: mean over (n, c) of mean_hw((y-x)^2) / (var_hw(x) + eps). */
    private static double vrmseSquared(INDArray y, INDArray x) {
        double total = 0;
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                double mean = 0;
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < W; j++) {
                        mean += x.getDouble(n, c, i, j) / (H * W);
                    }
                }
                double var = 0, err = 0;
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < W; j++) {
                        var += Math.pow(x.getDouble(n, c, i, j) - mean, 2) / (H * W);
                        err += Math.pow(y.getDouble(n, c, i, j) - x.getDouble(n, c, i, j), 2) / (H * W);
                    }
                }
                total += err / (var + ReconstructionLoss.VARIANCE_EPSILON);
            }
        }
        return total / (N * C);
    }

    private static INDArray states(long seed, double scale) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, N, C, H, W);
        // channels of very different spread, so VRMSE and MSE weigh them differently
        for (int c = 0; c < C; c++) {
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                    .muli(Math.pow(scale, c));
        }
        return x;
    }

    @Test
    void vrmseLossIsTheMeanSquaredVrmseOfEachStateAndChannel() {
        INDArray x = states(1, 10);
        INDArray y = x.add(Nd4j.randn(DataType.DOUBLE, N, C, H, W).muli(0.3));
        assertEquals(vrmseSquared(y, x), graphLoss(ReconstructionLoss.VRMSE, y, x), 1e-12);
    }

    @Test
    void mseLossIsTheMeanOfSquaredErrors() {
        INDArray x = states(2, 10);
        INDArray y = x.add(Nd4j.randn(DataType.DOUBLE, N, C, H, W).muli(0.3));
        double expected = y.sub(x).norm2Number().doubleValue();
        expected = expected * expected / (N * C * H * W);
        assertEquals(expected, graphLoss(ReconstructionLoss.MSE, y, x), 1e-12);
    }

    @Test
    void vrmseGradientMatchesFiniteDifferences() {
        INDArray x = states(3, 3);
        INDArray y = x.add(Nd4j.randn(DataType.DOUBLE, N, C, H, W).muli(0.5));
        SameDiff sd = SameDiff.create();
        SDVariable yv = sd.var("y", y.dup());
        SDVariable xv = sd.placeHolder("x", DataType.DOUBLE, -1, C, H, W);
        SDVariable out = ReconstructionLoss.VRMSE.of(yv, xv);
        sd.setLossVariables(out.name());
        INDArray grad = sd.calculateGradients(Map.of("x", x), "y").get("y");
        double h = 1e-6;
        for (long[] at : new long[][]{{0, 0, 0, 0}, {1, 2, 3, 4}, {0, 1, 2, 1}, {1, 0, 1, 3}}) {
            INDArray plus = y.dup(), minus = y.dup();
            plus.putScalar(at, y.getDouble(at) + h);
            minus.putScalar(at, y.getDouble(at) - h);
            double fd = (vrmseSquared(plus, x) - vrmseSquared(minus, x)) / (2 * h);
            assertEquals(fd, grad.getDouble(at), 1e-6 * Math.max(1, Math.abs(fd)));
        }
    }
}
