package io.latentemu.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.core.train.LossAndGradients;
import io.latentemu.models.autoencoder.Autoencoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.shape.Reshape;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Assign;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reshapes run as views: they share their input's memory, and losses and gradients equal a closed form and
 * those of libnd4j's copying reshape.
 */
class ReshapeViewSessionTest {

    /** For each executed reshape: whether its output starts at its input's first element. */
    private static final class ReshapeRecorder extends BaseListener {
        final List<Boolean> shared = new ArrayList<>();

        @Override
        public boolean isActive(Operation operation) {
            return true;
        }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext context,
                                INDArray[] outputs) {
            if (op.getOp() instanceof Reshape) {
                shared.add(firstElementAddress(context.getInputArray(0)) == firstElementAddress(outputs[0]));
            }
        }
    }

    private static long firstElementAddress(INDArray a) {
        return a.data().address() + a.offset() * a.dataType().width();
    }

    /**
     * loss = sum(t^2) with t = tanh(x W) taken through a reshape to [N, 2, 2] and back:
     * dloss/dW = x^T (2 t (1 - t^2)).
     */
    @Test
    void reshapesShareMemoryAndGradientsMatchTheClosedForm() {
        double[][] xs = {{1, 2, -1}, {0.5, -1, 2}, {-2, 0.3, 0.7}};
        double[][] ws = {{0.3, -0.2, 0.1, 0.05}, {0.1, 0.4, -0.3, 0.2}, {-0.5, 0.25, 0.15, -0.1}};
        for (boolean views : new boolean[]{true, false}) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 3);
            SDVariable w = sd.var("W", Nd4j.create(ws));
            SDVariable h = x.mmul(w);
            SDVariable t = sd.math.tanh(h.reshape(-1, 2, 2)).reshape(sd.shape(h));
            t.mul(t).sum().rename("loss");
            ModelGraph graph = new ModelGraph(sd, DataType.DOUBLE, Map.of("W", false));
            graph.setReshapeViews(views);
            ReshapeRecorder recorder = new ReshapeRecorder();
            sd.addListeners(recorder);
            for (int run = 0; run < 2; run++) {
                LossAndGradients lg = graph.lossAndGradients(Map.of("x", Nd4j.create(xs)), "loss", run);
                double expectedLoss = 0;
                double[][] expected = new double[3][4];
                for (double[] row : xs) {
                    for (int j = 0; j < 4; j++) {
                        double a = 0;
                        for (int i = 0; i < 3; i++) {
                            a += row[i] * ws[i][j];
                        }
                        double tj = Math.tanh(a);
                        expectedLoss += tj * tj;
                        for (int i = 0; i < 3; i++) {
                            expected[i][j] += row[i] * 2 * tj * (1 - tj * tj);
                        }
                    }
                }
                assertEquals(expectedLoss, lg.loss(), 1e-12, "loss, views " + views);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        assertEquals(expected[i][j], lg.gradients().get("W").getDouble(i, j), 1e-12,
                                "dW[" + i + "," + j + "], views " + views + ", run " + run);
                    }
                }
            }
            // two reshapes forward and their two gradients, per run
            assertEquals(8, recorder.shared.size(), "reshapes executed");
            assertTrue(recorder.shared.stream().allMatch(s -> s == views),
                    "views " + views + ": output shares the input's memory " + recorder.shared);
        }
    }

    @Test
    void autoencoderGradientsEqualThoseWithCopyingReshapes() {
        Autoencoder ae = SmallNetworks.autoencoder();
        INDArray states = Nd4j.randn(DataType.FLOAT, 3, 2, 8, 8);
        ReshapeRecorder recorder = new ReshapeRecorder();
        ae.graph().sameDiff().addListeners(recorder);

        LossAndGradients viewed = ae.lossAndGradients(states, 7);
        double viewedLoss = viewed.loss();
        Map<String, INDArray> viewedGradients = new java.util.HashMap<>();
        viewed.gradients().forEach((k, v) -> viewedGradients.put(k, v.dup()));
        INDArray viewedReconstruction = ae.reconstruct(states);
        assertTrue(recorder.shared.size() > 10 && recorder.shared.stream().allMatch(s -> s),
                "every reshape of the autoencoder is a view: " + recorder.shared);

        ae.graph().setReshapeViews(false);
        recorder.shared.clear();
        LossAndGradients copied = ae.lossAndGradients(states, 7);
        assertTrue(recorder.shared.stream().noneMatch(s -> s), "copying reshapes: " + recorder.shared);
        assertEquals(copied.loss(), viewedLoss, 0.0);
        copied.gradients().forEach((k, v) -> assertEquals(v, viewedGradients.get(k), k));
        assertEquals(ae.reconstruct(states), viewedReconstruction);
    }

    /** SameDiff's Assign writes into its first input: a view there would overwrite the reshaped array. */
    @Test
    void aReshapeThatAnAssignOverwritesIsCopied() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, 2, 3);
        SDVariable w = sd.var("W", Nd4j.ones(DataType.DOUBLE, 1));
        // both inputs op outputs: then SameDiff runs the Assign with its first input as the output array
        SDVariable fives = sd.constant(Nd4j.valueArrayOf(new long[]{3, 2}, 5.0)).mul(w);
        SDVariable filled = new Assign(sd, x.reshape(3, 2), fives).outputVariable();
        filled.mul(w).sum().rename("out");
        ModelGraph graph = new ModelGraph(sd, DataType.DOUBLE, Map.of("W", false));
        INDArray input = Nd4j.create(new double[][]{{1, 2, 3}, {4, 5, 6}});
        INDArray before = input.dup();
        assertEquals(30.0, graph.inferSingle(Map.of("x", input), "out").getDouble(0), 0.0);
        assertEquals(before, input, "the caller's input is untouched");
    }

    @Test
    void onlyContiguousInputsBecomeViews() {
        INDArray contiguous = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        INDArray permuted = contiguous.permute(2, 0, 1);
        for (INDArray in : new INDArray[]{contiguous, permuted}) {
            try (OpContext context = Nd4j.getExecutioner().buildContext()) {
                context.setInputArray(0, in);
                context.setOutputArray(0, Nd4j.create(DataType.FLOAT, in.length() / 4, 4));
                INDArray view = ReshapeViewSession.view(new Reshape(in, -1, 4), context);
                if (in == contiguous) {
                    assertNotNull(view);
                    assertEquals(firstElementAddress(in), firstElementAddress(view));
                    assertEquals(in.reshape(6, 4), view);
                } else {
                    assertNull(view, "a permuted input is copied by libnd4j's op");
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
