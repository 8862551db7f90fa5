package io.latentemu.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.core.train.LossAndGradients;
import io.latentemu.models.autoencoder.Autoencoder;
import io.latentemu.models.backbone.VitConfig;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.emulator.DiffusionModel;
import io.latentemu.models.emulator.WindowBatch;
import io.latentemu.models.nn.PositionCode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Releasing arrays after their last reader inside a run: gradients equal those of runs that release nothing
 * and a closed form, the working set shrinks, and runs after the first allocate nothing new.
 */
class LivenessTest {

    /**
     * loss = sum(y * y) + sum(y) with y = identity(tanh(x W)) seen through a reshape: the identity passes its
     * input's buffer through, so that buffer must outlive tanh's last direct reader.
     * dloss/dW = x^T ((2y + 1)(1 - y^2)).
     */
    @Test
    void gradientsThroughAliasedArraysMatchTheClosedForm() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
        SDVariable w = sd.var("W", Nd4j.create(new double[][]{{0.3, -0.2}, {0.1, 0.4}, {-0.5, 0.25}}));
        SDVariable t = sd.math.tanh(x.mmul(w));
        SDVariable y = sd.identity(t).reshape(-1, 2);
        SDVariable loss = y.mul(y).sum().add(y.sum()).rename("loss");
        ModelGraph graph = new ModelGraph(sd, DataType.DOUBLE, Map.of("W", false));
        double[][] xs = {{1, 2, -1}, {0.5, -1, 2}, {-2, 0.3, 0.7}, {1.5, 1.5, -0.5}};
        INDArray xa = Nd4j.create(xs);
        for (int run = 0; run < 3; run++) {
            LossAndGradients lg = graph.lossAndGradients(Map.of("x", xa), "loss", run);
            double[][] expected = new double[3][2];
            double expectedLoss = 0;
            for (double[] row : xs) {
                for (int j = 0; j < 2; j++) {
                    double a = 0;
                    for (int i = 0; i < 3; i++) {
                        a += row[i] * w.getArr().getDouble(i, j);
                    }
                    double yj = Math.tanh(a);
                    expectedLoss += yj * yj + yj;
                    for (int i = 0; i < 3; i++) {
                        expected[i][j] += row[i] * (2 * yj + 1) * (1 - yj * yj);
                    }
                }
            }
            assertEquals(expectedLoss, lg.loss(), 1e-12, "loss, run " + run);
            INDArray g = lg.gradients().get("W");
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(expected[i][j], g.getDouble(i, j), 1e-12, "dW[" + i + "," + j + "], run " + run);
                }
            }
        }
    }

    @Test
    void autoencoderGradientsEqualThoseOfRunsThatReleaseNothing() {
        Autoencoder ae = SmallNetworks.autoencoder();
        INDArray states = Nd4j.randn(DataType.FLOAT, 3, 2, 8, 8);
        compareWithAndWithoutRelease(ae.graph(), () -> ae.lossAndGradients(states, 7));
    }

    @Test
    void diffusionGradientsEqualThoseOfRunsThatReleaseNothing() {
        WindowShape window = new WindowShape(3, 2, 4, 4);
        VitConfig vit = VitConfig.builder().width(16).depth(2).heads(2).patchSize(2)
                .positionCode(PositionCode.ROTARY).noiseFeatures(8).build();
        DiffusionModel model = DiffusionModel.build(window, 1, vit, DenoisingTask.study(), BuildOptions.seed(4));
        INDArray w = Nd4j.randn(DataType.FLOAT, 4, 3, 2, 4, 4);
        WindowBatch batch = new WindowBatch(w, Conditioning.knownFrames(w, 1, Nd4j.rand(DataType.FLOAT, 4, 1)));
        compareWithAndWithoutRelease(model.graph(), () -> model.lossAndGradients(batch, 11));
    }

    private static void compareWithAndWithoutRelease(ModelGraph graph, Supplier<LossAndGradients> step) {
        Map<String, INDArray> released = new HashMap<>();
        double loss = 0;
        ReusingMemoryManager liveness = null;
        // the pool serves a request from the smallest free buffer up to twice its size, so which buffers serve
        // which arrays settles over the first runs (two or three, depending on the graph); then nothing is new
        for (int run = 0; run < 6; run++) {
            LossAndGradients lg = step.get();
            liveness = manager(graph);
            if (run >= 3) {
                assertEquals(0, liveness.freshAllocations(), "run " + run + " allocated new buffers");
            }
            loss = lg.loss();
            released.clear();
            lg.gradients().forEach((k, v) -> released.put(k, v.dup()));
        }
        long releasedPeak = liveness.peakLiveBytes();

        InferenceSession session = graph.sameDiff().getFunction("grad").getSessions()
                .get(Thread.currentThread().getId());
        session.setMmgr(new ReusingMemoryManager(false));
        LossAndGradients kept = step.get();
        long keptPeak = manager(graph).peakLiveBytes();

        assertEquals(loss, kept.loss(), 0.0);
        for (Map.Entry<String, INDArray> e : released.entrySet()) {
            assertEquals(kept.gradients().get(e.getKey()), e.getValue(), e.getKey());
        }
        assertTrue(releasedPeak < 0.7 * keptPeak,
                "working set " + releasedPeak + " bytes with release against " + keptPeak + " without");
    }

    private static ReusingMemoryManager manager(ModelGraph graph) {
        return (ReusingMemoryManager) graph.sameDiff().getFunction("grad").getSessions()
                .get(Thread.currentThread().getId()).getMmgr();
    }
}
