package io.latentemu.models.onednn;

import static io.latentemu.models.onednn.SiluClosedForm.silu;
import static io.latentemu.models.onednn.SiluClosedForm.siluDerivative;
import static io.latentemu.models.onednn.RowNormClosedForm.EPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.models.graph.JavaOpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J forms that the oneDNN ops fall back to where oneDNN cannot run ({@link OneDnnOp#runPortably}), against
 * the closed forms in Java's double arithmetic (these tests need no oneDNN): the row norm and its gradient, swish
 * and its gradient, and a saved graph of both read back and run the way a process without oneDNN runs it.
 */
class PortableFormTest {

    @AfterEach
    void kernelsAgain() {
        OneDnn.usePortableFormsForTests(false);
    }

    private static INDArray[] outputs(OneDnnOp op, INDArray... inputs) {
        long[][] shapes = new long[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape();
        }
        long[][] out = op.outputShapes(shapes);
        INDArray[] arrays = new INDArray[out.length];
        for (int i = 0; i < out.length; i++) {
            arrays[i] = Nd4j.create(DataType.FLOAT, out[i]);
        }
        return arrays;
    }


    @Test
    void swishAndItsGradientMatchTheClosedForms() {
        INDArray x = Nd4j.linspace(-12, 12, 600, DataType.FLOAT).reshape(20, 30);
        INDArray g = Nd4j.rand(DataType.FLOAT, 20, 30).subi(0.5);
        INDArray[] y = outputs(new Swish(), x);
        new Swish().runPortably(new INDArray[]{x}, y);
        INDArray[] dx = outputs(new SwishGradient(), x, g);
        new SwishGradient().runPortably(new INDArray[]{x, g}, dx);
        for (long i = 0; i < x.length(); i++) {
            double xi = x.getDouble(i);
            assertEquals(silu(xi), y[0].getDouble(i), 1e-6 * (1 + Math.abs(silu(xi))));
            double expected = g.getDouble(i) * siluDerivative(xi);
            assertEquals(expected, dx[0].getDouble(i), 1e-6 * (1 + Math.abs(expected)));
        }
    }

    @Test
    void rowNormAndItsGradientMatchTheClosedForms() {
        INDArray x = RowNormClosedForm.rows(3 * 5 * 7, 24).reshape(3, 5, 7, 24);
        INDArray g = Nd4j.randn(DataType.FLOAT, 3, 5, 7, 24);
        RowNorm norm = new RowNorm();
        norm.addTArgument(EPS);
        INDArray[] out = outputs(norm, x);
        norm.runPortably(new INDArray[]{x}, out);
        RowNormGradient gradient = new RowNormGradient();
        gradient.addTArgument(EPS);
        INDArray[] in = {x, out[1], out[2], g};
        INDArray[] dx = outputs(gradient, in);
        gradient.runPortably(in, dx);
        RowNormClosedForm.check(x, g, out[0], dx[0]);
    }

    @Test
    void aSavedGraphRunsWithThePortableForms() throws Exception {
        INDArray x = RowNormClosedForm.rows(32, 16);
        INDArray w = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("x", x.dup());
        SDVariable y = Swish.apply(sd, RowNorm.apply(sd, in, EPS));
        sd.setLossVariables(y.mul(sd.constant(w)).sum("loss"));
        y.rename("y");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sd.save(bytes, true);

        OneDnn.usePortableFormsForTests(true);   // as in a process where oneDNN cannot run
        SameDiff loaded = SameDiff.load(new ByteArrayInputStream(bytes.toByteArray()), true);
        loaded.createGradFunction();
        JavaOpSession.install(loaded);
        assertTrue(loaded.getOps().values().stream().anyMatch(op -> op.getOp() instanceof RowNorm));
        INDArray out = loaded.output(Map.of(), "y").get("y");
        INDArray dx = loaded.calculateGradients(Map.of(), "x").get("x");
        for (long i = 0; i < x.rows(); i++) {
            double[] n = RowNormClosedForm.normalised(x.getRow(i).toDoubleVector());
            for (int j = 0; j < n.length; j++) {
                assertEquals(silu(n[j]), out.getDouble(i, j), 1e-5 * (1 + Math.abs(n[j])));
            }
        }
        // the norm's gradient for the output gradient w * silu'(norm(x)), against the closed form
        INDArray upstream = Nd4j.create(DataType.FLOAT, x.shape());
        for (long i = 0; i < x.rows(); i++) {
            double[] n = RowNormClosedForm.normalised(x.getRow(i).toDoubleVector());
            for (int j = 0; j < n.length; j++) {
                upstream.putScalar(i, j, w.getDouble(i, j) * siluDerivative(n[j]));
            }
        }
        INDArray expectedY = Nd4j.create(DataType.FLOAT, x.shape());
        for (long i = 0; i < x.rows(); i++) {
            expectedY.putRow(i, Nd4j.createFromArray(RowNormClosedForm.normalised(x.getRow(i).toDoubleVector()))
                    .castTo(DataType.FLOAT));
        }
        RowNormClosedForm.check(x, upstream, expectedY, dx);
    }
}
