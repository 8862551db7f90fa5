package io.latentemu.models.autoencoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.graph.ModelCard;
import io.latentemu.models.graph.Normalization;
import io.latentemu.models.nn.GraphOptions;
import io.latentemu.models.nn.Periodicity;
import io.latentemu.models.onednn.OneDnn;
import io.latentemu.models.onednn.RowNorm;
import io.latentemu.models.onednn.Swish;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AutoencoderTest {

    private static AutoencoderConfig tiny(double dropout) {
        return AutoencoderConfig.builder().inputChannels(3).widths(8, 16).blocksPerLevel(1).latentChannels(4)
                .periodic(new Periodicity(true, false)).dropout(dropout).softClip(true).build();
    }

    @Test
    void benchmarkNetworkHasThePyTorchParameterCount() {
        // torch_reference.py's autoencoder: 9,445,557 parameters
        Autoencoder ae = Autoencoder.build(AutoencoderConfig.builder().softClip(false).build(), BuildOptions.seed(0));
        assertEquals(9_445_557L, ae.graph().parameterCount());
    }

    @Test
    void shapesAcrossResolutionsAndCompressionRates() {
        for (int levels = 1; levels <= 3; levels++) {
            Integer[] widths = new Integer[levels];
            for (int i = 0; i < levels; i++) {
                widths[i] = 4 * (i + 1);
            }
            AutoencoderConfig config = AutoencoderConfig.builder().inputChannels(2).widths(widths).blocksPerLevel(1)
                    .latentChannels(3).build();
            Autoencoder ae = Autoencoder.build(config, BuildOptions.seed(1));
            int f = 1 << (levels - 1);
            for (int[] hw : new int[][]{{8, 8}, {16, 24}}) {
                INDArray x = Nd4j.randn(DataType.FLOAT, 2, 2, hw[0], hw[1]);
                INDArray z = ae.encode(x);
                assertArrayEquals(new long[]{2, 3, hw[0] / f, hw[1] / f}, z.shape());
                assertArrayEquals(x.shape(), ae.decode(z).shape());
                assertArrayEquals(new long[]{3, hw[0] / f, hw[1] / f}, ae.latentShape(2, hw[0], hw[1]));
                assertEquals(2.0 * f * f / 3.0, ae.compressionRate(2, hw[0], hw[1]), 1e-12);
                assertEquals(config.compressionRate(), ae.compressionRate(2, hw[0], hw[1]), 1e-12);
            }
        }
    }

    @Test
    void encodeThenDecodeEqualsReconstructionAndBatchRowsAreIndependent() {
        Autoencoder ae = Autoencoder.build(tiny(0), BuildOptions.seed(2));
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 3, 8, 8);
        INDArray viaLatent = ae.decode(ae.encode(x));
        assertTrue(viaLatent.equalsWithEps(ae.reconstruct(x), 1e-5));
        INDArray single = ae.encode(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)));
        assertTrue(single.equalsWithEps(ae.encode(x).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 2)), 1e-5));
    }

    @Test
    void softClipBoundsLatents() {
        Autoencoder ae = Autoencoder.build(tiny(0), BuildOptions.seed(3));
        INDArray z = ae.encode(Nd4j.randn(DataType.FLOAT, 2, 3, 8, 8).muli(1000));
        assertTrue(z.amaxNumber().doubleValue() < 5.0);
    }

    @Test
    void dropoutIsOffAtInferenceAndOnInTraining() {
        Autoencoder ae = Autoencoder.build(tiny(0.5), BuildOptions.seed(4));
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 8, 8);
        assertEquals(ae.reconstruct(x), ae.reconstruct(x));
        assertEquals(ae.encode(x), ae.encode(x));
        double l1 = ae.lossAndGradients(x, 1).loss();
        double l2 = ae.lossAndGradients(x, 2).loss();
        assertNotEquals(l1, l2, "training losses with different dropout masks must differ");
        assertEquals(l1, ae.lossAndGradients(x, 1).loss(), 1e-6, "same seed, same dropout mask");
    }

    @Test
    void saveAndLoadGiveIdenticalOutputs(@TempDir Path dir) throws Exception {
        Autoencoder ae = Autoencoder.build(tiny(0.1), BuildOptions.seed(5));
        Normalization norm = new Normalization(List.of("a", "b", "c"), new double[]{1, 2, 3}, new double[]{4, 5, 6});
        Path file = dir.resolve("ae.zip");
        ae.save(file, ModelCard.Extras.of(norm, 3, 8, 8));
        Autoencoder loaded = Autoencoder.load(file);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 8, 8);
        assertEquals(ae.encode(x), loaded.encode(x));
        INDArray z = Nd4j.randn(DataType.FLOAT, 3, 4, 4, 4);
        assertEquals(ae.decode(z), loaded.decode(z));
        assertEquals(norm, loaded.card().normalization());
        assertArrayEquals(new long[]{4, 4, 4}, loaded.card().latentShape());
        assertEquals(tiny(0.1), loaded.config());
        assertEquals(ae.parameters().keySet(), loaded.parameters().keySet());
        for (String name : ae.parameters().keySet()) {
            assertEquals(ae.decays(name), loaded.decays(name), name);
        }
        // training continues identically
        assertEquals(ae.lossAndGradients(x, 9).loss(), loaded.lossAndGradients(x, 9).loss(), 1e-6);
        Files.writeString(dir.resolve("bad.zip"), "not a zip");
        assertThrows(java.io.IOException.class, () -> Autoencoder.load(dir.resolve("bad.zip")));
    }

    @Test
    void parametersAreTheArraysTheGraphUses() {
        Autoencoder ae = Autoencoder.build(tiny(0), BuildOptions.seed(6));
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 8, 8);
        INDArray before = ae.encode(x);
        ae.parameters().get("encoder/head/b").addi(1.0);
        assertNotEquals(before, ae.encode(x));
        Map<String, INDArray> grads = ae.lossAndGradients(x, 0).gradients();
        assertEquals(ae.parameters().keySet(), grads.keySet());
        assertTrue(ae.decays("encoder/stem/W"));
        assertTrue(!ae.decays("encoder/stem/b"));
    }

    @Test
    void channelsLastGraphComputesWhatTheChannelsFirstGraphDoes() {
        // the layout is an implementation choice: same parameters, same outputs, same loss and gradients
        BuildOptions first = BuildOptions.seed(7).withGraph(GraphOptions.defaults().withChannelsLast(false));
        BuildOptions last = BuildOptions.seed(7).withGraph(GraphOptions.defaults().withChannelsLast(true));
        Autoencoder a = Autoencoder.build(tiny(0), first.withDataType(DataType.DOUBLE));
        Autoencoder b = Autoencoder.build(tiny(0), last.withDataType(DataType.DOUBLE));
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 3, 8, 12);
        INDArray z = a.encode(x);
        assertArrayEquals(new long[]{2, 4, 4, 6}, b.encode(x).shape());
        assertTrue(z.equalsWithEps(b.encode(x), 1e-10));
        assertTrue(a.decode(z).equalsWithEps(b.decode(z), 1e-10));
        assertTrue(a.reconstruct(x).equalsWithEps(b.reconstruct(x), 1e-10));
        var ga = a.lossAndGradients(x, 3);
        var gb = b.lossAndGradients(x, 3);
        assertEquals(ga.loss(), gb.loss(), 1e-12);
        for (String name : a.parameters().keySet()) {
            assertTrue(a.parameters().get(name).equals(b.parameters().get(name)), name);
            assertTrue(ga.gradients().get(name).equalsWithEps(gb.gradients().get(name), 1e-10), name);
        }
    }

    @Test
    void oneDnnKernelsComputeWhatTheComposedOpsDo() {
        // oneDNN's row norm and swish replace libnd4j's composed ops (float only): same outputs and gradients
        assumeTrue(OneDnn.available(), () -> "oneDNN unavailable: " + OneDnn.unavailableReason());
        Autoencoder a = Autoencoder.build(tiny(0), BuildOptions.seed(7));
        Autoencoder b = Autoencoder.build(tiny(0),
                BuildOptions.seed(7).withGraph(GraphOptions.defaults().withOneDnnKernels(false)));
        java.util.Set<String> opsA = new java.util.HashSet<>();
        a.graph().sameDiff().getOps().values().forEach(op -> opsA.add(op.getOp().opName()));
        assertTrue(opsA.contains(RowNorm.OP_NAME) && opsA.contains(Swish.OP_NAME), opsA.toString());
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 8, 12);
        INDArray ra = a.reconstruct(x);
        INDArray rb = b.reconstruct(x);
        assertEquals(0, ra.sub(rb).amaxNumber().doubleValue(), 1e-5 * rb.amaxNumber().doubleValue());
        var ga = a.lossAndGradients(x, 3);
        var gb = b.lossAndGradients(x, 3);
        assertEquals(gb.loss(), ga.loss(), 1e-5 * gb.loss());
        for (String name : a.parameters().keySet()) {
            INDArray da = ga.gradients().get(name);
            INDArray db = gb.gradients().get(name);
            double relative = da.sub(db).norm2Number().doubleValue() / (db.norm2Number().doubleValue() + 1e-30);
            assertTrue(relative < 1e-4, name + ": relative difference " + relative);
        }
    }
}
