package io.latentemu.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.latentemu.core.train.LossAndGradients;
import io.latentemu.models.autoencoder.Autoencoder;
import io.latentemu.models.autoencoder.AutoencoderConfig;
import io.latentemu.models.nn.Periodicity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs of a built graph: recycled memory never leaks into results; FLOP counts match a hand count. */
class ModelGraphTest {

    private static Autoencoder tiny() {
        AutoencoderConfig config = AutoencoderConfig.builder().inputChannels(2).widths(4, 8).blocksPerLevel(1)
                .latentChannels(3).periodic(Periodicity.none()).softClip(false).build();
        return Autoencoder.build(config, BuildOptions.seed(1));
    }

    @Test
    void outputsSurviveLaterRunsAndRepeatedRunsAgree() {
        Autoencoder ae = tiny();
        INDArray x1 = Nd4j.randn(DataType.FLOAT, 2, 2, 8, 8);
        INDArray x2 = Nd4j.randn(DataType.FLOAT, 3, 2, 8, 8);
        INDArray z1 = ae.encode(x1);
        INDArray copy = z1.dup();
        ae.encode(x2);
        ae.lossAndGradients(x2, 0);
        assertEquals(copy, z1, "an output changed when later runs recycled memory");
        assertEquals(copy, ae.encode(x1), "same input, same output, after recycling");
        Map<String, INDArray> g1 = copies(ae.lossAndGradients(x1, 5));
        ae.lossAndGradients(x2, 6);
        LossAndGradients again = ae.lossAndGradients(x1, 5);
        for (String name : g1.keySet()) {
            assertEquals(g1.get(name), again.gradients().get(name), name);
        }
        assertNotEquals(g1.get("encoder/stem/W"), ae.lossAndGradients(x2, 6).gradients().get("encoder/stem/W"));
    }

    private static Map<String, INDArray> copies(LossAndGradients lg) {
        Map<String, INDArray> out = new HashMap<>();
        lg.gradients().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    @Test
    void flopCountMatchesTheConvolutionsCountedByHand() {
        Autoencoder ae = tiny();
        int b = 2;
        INDArray x = Nd4j.randn(DataType.FLOAT, b, 2, 8, 8);
        long flops = FlopCounter.count(ae.graph(), () -> ae.reconstruct(x));
        // 2 * outputs * 9 * inputs per 3x3 convolution; resolution 8x8 at level 0, 4x4 at level 1
        long p0 = 64;
        long p1 = 16;
        long expected = 0;
        expected += conv(p0, 2, 4);            // encoder stem
        expected += 2 * conv(p0, 4, 4);        // level-0 block
        expected += conv(p1, 16, 8);           // down: unshuffled 4*4 -> 8
        expected += 2 * conv(p1, 8, 8);        // level-1 block
        expected += conv(p1, 8, 3);            // head
        expected += conv(p1, 3, 8);            // decoder stem
        expected += 2 * conv(p1, 8, 8);        // level-1 block
        expected += conv(p1, 8, 16);           // up: 8 -> 4*4, then shuffled
        expected += 2 * conv(p0, 4, 4);        // level-0 block
        expected += conv(p0, 4, 2);            // head
        assertEquals(b * expected, flops);
    }

    private static long conv(long pixels, long in, long out) {
        return 2 * pixels * 9 * in * out;
    }

    @Test
    void flopCountMatchesTheMatrixProductsOfATransformerCountedByHand() {
        var window = new io.latentemu.models.backbone.WindowShape(3, 2, 4, 4);
        var vit = io.latentemu.models.backbone.VitConfig.builder().width(16).depth(1).heads(2).noiseFeatures(8).build();
        var model = io.latentemu.models.emulator.DiffusionModel.build(window, 0, vit,
                io.latentemu.core.diffusion.DenoisingTask.study(), BuildOptions.seed(2));
        long b = 2;
        long t = 48;
        long d = 16;
        long h = 2;
        long dh = 8;
        INDArray xt = Nd4j.randn(DataType.FLOAT, window.batchShape(b));
        long flops = FlopCounter.count(model.graph(), () -> model.denoise(xt, Nd4j.ones(DataType.FLOAT, b),
                io.latentemu.core.diffusion.Conditioning.none()));
        long expected = 2 * b * t * 3 * d           // token embedding: 2 channels + mask
                + 2 * b * 8 * d + 2 * b * d * d     // noise-level MLP
                + 2 * b * d * 6 * d                 // adaLN modulation
                + 2 * b * t * d * 3 * d             // queries, keys, values
                + 2 * 2 * b * h * t * t * dh        // scores and weighted values
                + 2 * b * t * d * d                 // attention output
                + 2 * 2 * b * t * d * 4 * d         // MLP
                + 2 * b * t * d * 2;                // output projection
        assertEquals(expected, flops);
    }
}
