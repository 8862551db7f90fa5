package io.latentemu.core.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class DenoisingTaskTest {

    @Test
    void theExactDenoiserOfUnitVarianceDataScoresOneAtEveryNoiseLevel() {
        // E[(mu - x)^2] = v s^2 / (v + s^2) for the exact denoiser; times (1 + 1/s^2) this is 1 when v = 1.
        // Per row the loss averages D = 4096 squared errors of variance 2 (chi-square), so the mean over
        // B rows has standard error sqrt(2 / (B D)) (rows weighted equally after the weight).
        int rows = 64;
        int d = 4096;
        GaussianDenoiser exact = new GaussianDenoiser(Nd4j.zeros(DataType.DOUBLE, d), Nd4j.ones(DataType.DOUBLE, d));
        INDArray x = Nd4j.randn(DataType.DOUBLE, rows, d);
        NoisyBatch batch = DenoisingTask.study().corrupt(x, Conditioning.none(), 17);
        INDArray mu = exact.denoise(batch.xt(), batch.sigma(), Conditioning.none());
        double loss = DenoisingTask.loss(mu, x, batch.weight());
        assertEquals(1.0, loss, 5 * Math.sqrt(2.0 / (rows * d)), "weighted loss of the exact denoiser");
    }

    @Test
    void corruptionFollowsTheScheduleAndWritesContextByTheStudysConvention() {
        DenoisingTask task = DenoisingTask.study();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 5, 2, 4, 4);
        Conditioning c = Conditioning.knownFrames(x, 2, Nd4j.ones(DataType.DOUBLE, 3, 2));
        NoisyBatch b = task.corrupt(x, c, 5);
        for (int i = 0; i < 3; i++) {
            double s = b.sigma().getDouble(i);
            assertEquals(LogLogitSchedule.standard().sigma(b.times()[i]), s, 1e-12 * s);
            assertEquals(1 + 1 / (s * s), b.weight().getDouble(i), 1e-9 * b.weight().getDouble(i));
            INDArray known = b.xt().get(NDArrayIndex.point(i), NDArrayIndex.interval(0, 2));
            INDArray expected = x.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, 2)).mul(Math.sqrt(1 + s * s));
            assertTrue(expected.equalsWithEps(known, 1e-12));
            // unknown frames: (xt - x) / sigma is the standard normal noise, 96 draws: |mean| < 5/sqrt(96)
            INDArray noise = b.xt().get(NDArrayIndex.point(i), NDArrayIndex.interval(2, 5))
                    .sub(x.get(NDArrayIndex.point(i), NDArrayIndex.interval(2, 5))).divi(s);
            assertEquals(0, noise.meanNumber().doubleValue(), 5 / Math.sqrt(96));
        }
        NoisyBatch again = task.corrupt(x, c, 5);
        assertEquals(b.xt(), again.xt());
        assertArrayEquals(b.times(), again.times());
    }

    @Test
    void maskedDenoiserShowsTheNetworkCleanContextAndClampsItsOutput() {
        INDArray y = Nd4j.createFromArray(new double[][] {{2, 0}, {-1, 0}});
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 0}, {1, 0}});
        Conditioning c = new Conditioning(y, mask, null);
        INDArray sigma = Nd4j.createFromArray(3.0, 0.5);
        INDArray xt = Nd4j.createFromArray(new double[][] {{100, 7}, {100, 8}});
        double[][] seen = new double[2][];
        Denoiser spy = (in, s, cond) -> {
            seen[0] = in.getRow(0).toDoubleVector();
            seen[1] = in.getRow(1).toDoubleVector();
            return in.mul(0); // predicts 0 everywhere
        };
        INDArray out = new MaskedDenoiser(spy).denoise(xt, sigma, c);
        // c_in x_t = y at known entries: x_t = sqrt(1 + s^2) y
        assertArrayEquals(new double[] {2 * Math.sqrt(10), 7}, seen[0], 1e-12);
        assertArrayEquals(new double[] {-Math.sqrt(1.25), 8}, seen[1], 1e-12);
        assertArrayEquals(new double[] {2, 0}, out.getRow(0).toDoubleVector(), 0);
        assertArrayEquals(new double[] {-1, 0}, out.getRow(1).toDoubleVector(), 0);
    }

    @Test
    void gaussianDenoiserIsThePosteriorMean() {
        // scalar check by hand: m = 1, v = 4, sigma = 2: E[x | xt] = 1 + 4/8 (xt - 1)
        GaussianDenoiser g = new GaussianDenoiser(Nd4j.createFromArray(1.0), Nd4j.createFromArray(4.0));
        INDArray out = g.denoise(Nd4j.createFromArray(new double[][] {{5}, {-3}}), Nd4j.createFromArray(2.0, 0.0),
                Conditioning.none());
        assertEquals(3.0, out.getDouble(0, 0), 1e-15);
        assertEquals(-3.0, out.getDouble(1, 0), 1e-15); // sigma = 0: the input itself
    }
}
