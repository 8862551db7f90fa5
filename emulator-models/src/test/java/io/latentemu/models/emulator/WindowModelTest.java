package io.latentemu.models.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.models.backbone.BackboneConfig;
import io.latentemu.models.backbone.UNetConfig;
import io.latentemu.models.backbone.VitConfig;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.graph.ModelCard;
import io.latentemu.models.nn.Periodicity;
import io.latentemu.models.nn.PositionCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WindowModelTest {

    private static final WindowShape WINDOW = new WindowShape(3, 2, 4, 4);

    private static VitConfig tinyVit(PositionCode code, int patch) {
        return VitConfig.builder().width(16).depth(1).heads(2).patchSize(patch).positionCode(code).noiseFeatures(8).build();
    }

    private static UNetConfig tinyUNet() {
        return new UNetConfig(List.of(8, 16), 1, 16, 8, Periodicity.both(), 0);
    }

    @Test
    void benchmarkVitHasThePyTorchParameterCount() {
        // torch_reference.py's ViT: input 17 -> 256, table 320 x 256, noise MLP 64 -> 256 -> 256,
        // 6 blocks of (modulation 256 -> 1024, qkv, out, MLP x4), output 256 -> 16
        DiffusionModel model = DiffusionModel.build(new WindowShape(5, 16, 8, 8), 0, VitConfig.benchmark(),
                DenoisingTask.study(), BuildOptions.seed(0));
        long perBlock = (256 * 1024 + 1024) + (256 * 768 + 768) + (256 * 256 + 256) + (256 * 1024 + 1024) + (1024 * 256 + 256);
        long expected = (17 * 256 + 256) + 320 * 256 + (64 * 256 + 256) + (256 * 256 + 256) + 6 * perBlock + (256 * 16 + 16);
        assertEquals(6_484_496L, expected);
        assertEquals(expected, model.graph().parameterCount());
    }

    @Test
    void denoiserShapesForEveryBackboneWithAndWithoutParameters() {
        BackboneConfig[] backbones = {tinyVit(PositionCode.ROTARY, 1), tinyVit(PositionCode.SINUSOIDAL_LINEAR, 2),
                tinyVit(PositionCode.LEARNED, 1), tinyUNet()};
        for (BackboneConfig backbone : backbones) {
            for (int p : new int[]{0, 3}) {
                DiffusionModel model = DiffusionModel.build(WINDOW, p, backbone, DenoisingTask.study(), BuildOptions.seed(1));
                for (int batch : new int[]{1, 5}) {
                    INDArray xt = Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(batch));
                    INDArray params = p == 0 ? null : Nd4j.rand(DataType.FLOAT, batch, p);
                    Conditioning c = Conditioning.knownFrames(Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(batch)), 1, params);
                    INDArray mu = model.denoise(xt, Nd4j.valueArrayOf(new long[]{batch}, 2.0f), c);
                    assertArrayEquals(xt.shape(), mu.shape(), backbone + " P=" + p);
                    assertTrue(mu.isMatrix() || !mu.isNaN().any());
                }
            }
        }
    }

    @Test
    void freshDenoiserIsCloseToItsSkipConnection() {
        // the output layer starts small, so mu ~ c_skip xt = xt / (1 + sigma^2) for unit-variance data
        DiffusionModel model = DiffusionModel.build(WINDOW, 0, tinyVit(PositionCode.ROTARY, 1), DenoisingTask.study(),
                BuildOptions.seed(2));
        INDArray xt = Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(2));
        INDArray mu = model.denoise(xt, Nd4j.valueArrayOf(new long[]{2}, 1.0f), Conditioning.none());
        INDArray skip = xt.div(2.0);
        double rel = mu.sub(skip).norm2Number().doubleValue() / skip.norm2Number().doubleValue();
        assertTrue(rel < 0.05, "relative distance to the skip connection: " + rel);
    }

    @Test
    void productsByOnesComputeWhatBroadcastingOpsDo() {
        // matmulBroadcasts changes how the graph broadcasts (rotary code, c_in/c_skip/c_out scalings, norms,
        // biases), not what it computes: the broadcasting-op graph is the reference
        BuildOptions base = BuildOptions.seed(4).withDataType(DataType.DOUBLE);
        DiffusionModel products = DiffusionModel.build(WINDOW, 0, tinyVit(PositionCode.ROTARY, 1), DenoisingTask.study(), base);
        DiffusionModel broadcasting = DiffusionModel.build(WINDOW, 0, tinyVit(PositionCode.ROTARY, 1), DenoisingTask.study(),
                base.withGraph(base.graph().withMatmulBroadcasts(false)));
        INDArray xt = Nd4j.randn(DataType.DOUBLE, WINDOW.batchShape(3));
        INDArray sigma = Nd4j.createFromArray(0.2, 1.0, 7.0);
        INDArray a = products.denoise(xt, sigma, Conditioning.none());
        INDArray b = broadcasting.denoise(xt, sigma, Conditioning.none());
        assertTrue(a.equalsWithEps(b, 1e-10), () -> "products " + a + "\nbroadcasting " + b);
        WindowBatch batch = WindowBatch.knownFrames(xt, 1, null);
        var ga = products.lossAndGradients(batch, 5);
        var gb = broadcasting.lossAndGradients(batch, 5);
        assertEquals(ga.loss(), gb.loss(), 1e-10 * Math.abs(gb.loss()));
        for (String name : gb.gradients().keySet()) {
            assertTrue(ga.gradients().get(name).equalsWithEps(gb.gradients().get(name), 1e-9), name);
        }
    }

    @Test
    void rowsAreIndependentOfTheBatch() {
        DiffusionModel model = DiffusionModel.build(WINDOW, 2, tinyVit(PositionCode.ROTARY, 1), DenoisingTask.study(),
                BuildOptions.seed(3));
        INDArray xt = Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(4));
        INDArray sigma = Nd4j.createFromArray(0.1f, 1f, 10f, 3f);
        INDArray params = Nd4j.rand(DataType.FLOAT, 4, 2);
        Conditioning c = Conditioning.knownFrames(Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(4)), 1, params);
        INDArray all = model.denoise(xt, sigma, c);
        Conditioning row2 = c.rows(2, 3);
        INDArray one = model.denoise(xt.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 3)).dup(),
                sigma.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 3)).dup(), row2);
        assertTrue(one.equalsWithEps(all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 3)), 1e-4));
    }

    @Test
    void badInputsFailEarly() {
        DiffusionModel model = DiffusionModel.build(WINDOW, 2, tinyVit(PositionCode.ROTARY, 1), DenoisingTask.study(),
                BuildOptions.seed(4));
        INDArray xt = Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(2));
        INDArray sigma = Nd4j.ones(DataType.FLOAT, 2);
        assertThrows(IllegalArgumentException.class, () -> model.denoise(xt, sigma, Conditioning.none()),
                "missing parameters");
        assertThrows(IllegalArgumentException.class, () -> model.denoise(Nd4j.zeros(DataType.FLOAT, 2, 3, 2, 4, 5), sigma,
                Conditioning.ofParameters(Nd4j.zeros(DataType.FLOAT, 2, 2))), "wrong window");
    }

    @Test
    void denoiserAndSolverSaveAndLoadWithIdenticalOutputs(@TempDir Path dir) throws Exception {
        VitConfig vit = VitConfig.builder().width(16).depth(1).heads(2).noiseFeatures(8).dropout(0.1).build();
        DiffusionModel model = DiffusionModel.build(WINDOW, 1, vit, DenoisingTask.study(), BuildOptions.seed(5));
        Path file = dir.resolve("denoiser.zip");
        model.save(file, new ModelCard.Extras(null, new long[]{2, 4, 4}, new long[]{2, 4, 4}, java.util.Map.of("data", "fixture")));
        DiffusionModel loaded = DiffusionModel.load(file);
        INDArray xt = Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(3));
        INDArray sigma = Nd4j.createFromArray(0.5f, 5f, 50f);
        Conditioning c = Conditioning.knownFrames(Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(3)), 1, Nd4j.rand(DataType.FLOAT, 3, 1));
        assertEquals(model.denoise(xt, sigma, c), loaded.denoise(xt, sigma, c));
        assertEquals(model.spec(), loaded.spec());
        assertEquals("fixture", loaded.card().properties().get("data"));
        WindowBatch batch = new WindowBatch(Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(3)), c);
        assertEquals(model.lossAndGradients(batch, 3).loss(), loaded.lossAndGradients(batch, 3).loss(), 1e-6);

        NeuralSolver solver = NeuralSolver.build(WINDOW, 1, tinyUNet(), BuildOptions.seed(6));
        Path solverFile = dir.resolve("solver.zip");
        solver.save(solverFile, ModelCard.Extras.none());
        NeuralSolver loadedSolver = NeuralSolver.load(solverFile);
        assertEquals(solver.predict(c), loadedSolver.predict(c));
        assertThrows(java.io.IOException.class, () -> DiffusionModel.load(solverFile), "kind is checked");
    }

    @Test
    void dropoutIsOffWhenDenoising() {
        VitConfig vit = VitConfig.builder().width(16).depth(1).heads(2).noiseFeatures(8).dropout(0.5).build();
        DiffusionModel model = DiffusionModel.build(WINDOW, 0, vit, DenoisingTask.study(), BuildOptions.seed(7));
        INDArray xt = Nd4j.randn(DataType.FLOAT, WINDOW.batchShape(2));
        INDArray sigma = Nd4j.ones(DataType.FLOAT, 2);
        assertEquals(model.denoise(xt, sigma, Conditioning.none()), model.denoise(xt, sigma, Conditioning.none()));
    }
}
