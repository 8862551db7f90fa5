package io.latentemu.core.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.core.diffusion.DiffusionSampler;
import io.latentemu.core.diffusion.GaussianDenoiser;
import io.latentemu.core.metrics.FieldMetrics;
import io.latentemu.core.metrics.MetricTable;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RolloutTest {

    private static final List<String> CHANNELS = List.of("density", "pressure");

    /** [B, T, 2, 8, 8] random trajectories in double. */
    private static INDArray trajectories(int b, int frames, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, b, frames, 2, 8, 8).muli(4).subi(1);
    }

    @Test
    void theOracleScoresZeroOnEveryMetricWhateverTheWindow() {
        for (int[] lc : new int[][] {{5, 1}, {4, 2}, {3, 2}}) {
            int window = lc[0];
            int context = lc[1];
            int leads = 7;
            INDArray truth = trajectories(2, context + leads, 1);
            Rollout rollout = new Rollout(new ReplayEmulator(truth, window, context, 0), LatentCodec.identity());
            MetricTable table = new MetricTable(FieldMetrics.NAMES, CHANNELS, leads);
            new RolloutEvaluator(rollout, CHANNELS, RolloutEvaluator.affine(new double[] {1, 2}, new double[] {3, 4}))
                    .evaluate(truth, null, 3, 5, table);
            for (String metric : FieldMetrics.NAMES) {
                double expected = metric.equals("spread_skill_ratio") ? 1 : 0;
                for (int ch = 0; ch < 2; ch++) {
                    for (int t = 1; t <= leads; t++) {
                        assertEquals(expected, table.mean(metric, ch, t), 1e-12,
                                metric + " at lead " + t + ", window " + window + ", context " + context);
                        assertEquals(2, table.count(ch, t));
                    }
                }
            }
        }
    }

    @Test
    void persistenceLeadErrorsAreTheDifferencesFromTheLastContextState() {
        int leads = 4;
        INDArray truth = trajectories(3, 1 + leads, 2);
        Rollout rollout = new Rollout(new PersistenceEmulator(5, 1), LatentCodec.identity());
        MetricTable table = new MetricTable(FieldMetrics.NAMES, CHANNELS, leads);
        double std = 2.5;
        new RolloutEvaluator(rollout, CHANNELS, RolloutEvaluator.affine(new double[] {7, 7}, new double[] {std, std}))
                .evaluate(truth, null, 1, 0, table);
        for (int ch = 0; ch < 2; ch++) {
            for (int t = 1; t <= leads; t++) {
                // by hand: mean over trajectories of mean((x_t - x_0)^2), in physical units (times std^2)
                double expected = 0;
                for (int b = 0; b < 3; b++) {
                    double[] x0 = truth.get(NDArrayIndex.point(b), NDArrayIndex.point(0), NDArrayIndex.point(ch)).dup().data().asDouble();
                    double[] xt = truth.get(NDArrayIndex.point(b), NDArrayIndex.point(t), NDArrayIndex.point(ch)).dup().data().asDouble();
                    double s = 0;
                    for (int i = 0; i < x0.length; i++) {
                        s += Math.pow((xt[i] - x0[i]) * std, 2);
                    }
                    expected += s / x0.length / 3;
                }
                assertEquals(expected, table.mean("mse", ch, t), 1e-10, "lead " + t);
            }
        }
    }

    @Test
    void latentRolloutsDecodeAtTheEndAndReplayingTheLatentsMeasuresTheCodec() {
        // a lossy codec: 2x2 mean pooling down, nearest-neighbour up; replaying the encoded truth must give
        // exactly the reconstruction error of the codec, computed here by hand
        LatentCodec pool = new LatentCodec() {
            @Override
            public INDArray encode(INDArray s) {
                INDArray r = s.reshape(s.size(0), s.size(1), s.size(2) / 2, 2, s.size(3) / 2, 2);
                return r.mean(3, 5);
            }

            @Override
            public INDArray decode(INDArray z) {
                return z.repeat(2, 2).repeat(3, 2);
            }
        };
        int leads = 5;
        INDArray truth = trajectories(2, 1 + leads, 3);
        Rollout helper = new Rollout(new PersistenceEmulator(2, 1), pool);
        INDArray latentTruth = helper.encodeFrames(truth);
        Rollout rollout = new Rollout(new ReplayEmulator(latentTruth, 3, 1, 1e-12), pool);
        MetricTable table = new MetricTable(FieldMetrics.NAMES, CHANNELS, leads);
        new RolloutEvaluator(rollout, CHANNELS, UnaryOperator.identity()).evaluate(truth, null, 2, 0, table);
        for (int ch = 0; ch < 2; ch++) {
            for (int t = 1; t <= leads; t++) {
                double expected = 0;
                for (int b = 0; b < 2; b++) {
                    INDArray f = truth.get(NDArrayIndex.point(b), NDArrayIndex.point(t), NDArrayIndex.point(ch));
                    double s = 0;
                    for (int i = 0; i < 8; i++) {
                        for (int j = 0; j < 8; j++) {
                            int i0 = i / 2 * 2;
                            int j0 = j / 2 * 2;
                            double avg = (f.getDouble(i0, j0) + f.getDouble(i0 + 1, j0) + f.getDouble(i0, j0 + 1)
                                    + f.getDouble(i0 + 1, j0 + 1)) / 4;
                            s += Math.pow(f.getDouble(i, j) - avg, 2);
                        }
                    }
                    expected += s / 64 / 2;
                }
                assertEquals(expected, table.mean("mse", ch, t), 1e-12);
            }
        }
    }

    @Test
    void ensembleMembersAreIndependentAndReproducible() {
        GaussianDenoiser prior = new GaussianDenoiser(Nd4j.zeros(DataType.FLOAT, 4, 2, 4, 4),
                Nd4j.ones(DataType.FLOAT, 4, 2, 4, 4));
        DiffusionEmulator emulator = new DiffusionEmulator(prior,
                new DiffusionSampler(io.latentemu.core.diffusion.LogLogitSchedule.standard(), 4,
                        new io.latentemu.core.diffusion.AdamsBashforthStep(3)), 4, 1);
        Rollout rollout = new Rollout(emulator, LatentCodec.identity());
        INDArray initial = Nd4j.rand(DataType.FLOAT, 2, 1, 2, 4, 4);
        INDArray a = rollout.emulate(initial, null, 5, 3, 42);
        assertEquals(List.of(2L, 3L, 5L, 2L, 4L, 4L), List.of(a.shape()[0], a.shape()[1], a.shape()[2], a.shape()[3],
                a.shape()[4], a.shape()[5]));
        assertEquals(a, rollout.emulate(initial, null, 5, 3, 42));
        assertNotEquals(a.get(NDArrayIndex.point(0), NDArrayIndex.point(0)), a.get(NDArrayIndex.point(0), NDArrayIndex.point(1)));
        assertNotEquals(a, rollout.emulate(initial, null, 5, 3, 43));
    }

    @Test
    void theDeterministicEmulatorReturnsThePredictedFramesAndTheReplayCatchesBadBookkeeping() {
        // a predictor that copies the last known frame: the same as persistence
        WindowPredictor copyLast = c -> {
            INDArray first = c.values().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1));
            return first.repeat(1, c.values().size(1));
        };
        INDArray initial = Nd4j.rand(DataType.FLOAT, 2, 1, 2, 4, 4);
        INDArray det = new Rollout(new DeterministicEmulator(copyLast, 3, 1), LatentCodec.identity())
                .emulate(initial, null, 5, 2, 0);
        INDArray per = new Rollout(new PersistenceEmulator(3, 1), LatentCodec.identity()).emulate(initial, null, 5, 2, 0);
        assertEquals(per, det);

        // the replay checks the context it receives: the second call must get frame 3 (window 4, context 1)
        INDArray truth = trajectories(1, 8, 4);
        ReplayEmulator replay = new ReplayEmulator(truth, 4, 1, 1e-9);
        replay.next(Windows.frames(truth, 0, 1).dup(), null, new long[] {0});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> replay.next(Windows.frames(truth, 2, 3).dup(), null, new long[] {0}));
        assertTrue(e.getMessage().contains("differs from the truth"), e.getMessage());
    }
}
