package io.latentemu.models.emulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.models.backbone.UNetConfig;
import io.latentemu.models.backbone.VitConfig;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.nn.Periodicity;
import io.latentemu.models.testing.Fixtures;
import io.latentemu.models.testing.TestAdam;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Proof of trainability end to end: the diffusion loss of a tiny denoiser halves; a tiny solver learns. */
class WindowModelTrainingTest {

    private static final WindowShape WINDOW = new WindowShape(3, 2, 4, 4);
    /** 64 windows of a field advected by one cell per frame; batches of 16 cycle through them. */
    private static final INDArray DATA = Fixtures.advectedWindows(64, 3, 2, 4, 4, 3);

    private static WindowBatch batch(long step) {
        long from = (step % 4) * 16;
        INDArray windows = DATA.get(NDArrayIndex.interval(from, from + 16)).dup();
        return WindowBatch.knownFrames(windows, 1, null);
    }

    @Test
    void tinyDenoiserDiffusionLossHalves() {
        VitConfig vit = VitConfig.builder().width(64).depth(2).heads(2).noiseFeatures(16).build();
        DiffusionModel model = DiffusionModel.build(WINDOW, 0, vit, DenoisingTask.study(), BuildOptions.seed(21));
        double[] losses = new TestAdam(3e-3).run(model, WindowModelTrainingTest::batch, 300);
        double first = TestAdam.mean(losses, 0, 30);
        double last = TestAdam.mean(losses, losses.length - 30, losses.length);
        System.out.printf("denoiser: mean loss of the first 30 steps %.4f, of the last 30 %.4f%n", first, last);
        assertTrue(last < 0.5 * first, "diffusion loss fell from " + first + " to " + last);
    }

    @Test
    void tinyUNetSolverLearnsTheAdvection() {
        UNetConfig unet = new UNetConfig(List.of(16, 32), 1, 16, 8, Periodicity.both(), 0);
        NeuralSolver solver = NeuralSolver.build(WINDOW, 0, unet, BuildOptions.seed(22));
        double[] losses = new TestAdam(3e-3).run(solver, WindowModelTrainingTest::batch, 150);
        double first = TestAdam.mean(losses, 0, 10);
        double last = TestAdam.mean(losses, losses.length - 10, losses.length);
        System.out.printf("solver: mean loss of the first 10 steps %.4f, of the last 10 %.4f%n", first, last);
        assertTrue(last < 0.2 * first, "solver loss fell from " + first + " to " + last);
    }
}
