package io.latentemu.models.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J forms that the oneDNN ops fall back to where oneDNN cannot run ({@link OneDnnOp#runPortably}): swish
 * and its gradient against the closed forms in Java's double arithmetic; the row norm and its gradient against
 * the oneDNN primitives, which {@link RowNormTest} checks against the closed forms.
 */
class PortableFormTest {

    private static final double EPS = 1e-5;

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
            double s = 1 / (1 + Math.exp(-xi));
            assertEquals(xi * s, y[0].getDouble(i), 1e-6 * (1 + Math.abs(xi * s)));
            double expected = g.getDouble(i) * (s + xi * s * (1 - s));
            assertEquals(expected, dx[0].getDouble(i), 1e-6 * (1 + Math.abs(expected)));
        }
    }

    @Test
    void rowNormAndItsGradientMatchOneDnn() {
        assumeTrue(OneDnn.available(), () -> "oneDNN unavailable: " + OneDnn.unavailableReason());
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 5, 7, 24);
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).addi(50);
        INDArray g = Nd4j.randn(DataType.FLOAT, 3, 5, 7, 24);
        RowNorm norm = new RowNorm();
        norm.addTArgument(EPS);
        INDArray[] a = outputs(norm, x);
        INDArray[] b = outputs(norm, x);
        norm.runOneDnn(new INDArray[]{x}, a);
        norm.runPortably(new INDArray[]{x}, b);
        for (int i = 0; i < a.length; i++) {
            assertEquals(0, a[i].sub(b[i]).amaxNumber().doubleValue(), 2e-5 * (1 + a[i].amaxNumber().doubleValue()),
                    "output " + i);
        }
        RowNormGradient gradient = new RowNormGradient();
        gradient.addTArgument(EPS);
        INDArray[] in = {x, a[1], a[2], g};
        INDArray[] da = outputs(gradient, in);
        INDArray[] db = outputs(gradient, in);
        gradient.runOneDnn(in, da);
        gradient.runPortably(in, db);
        assertEquals(0, da[0].sub(db[0]).amaxNumber().doubleValue(), 2e-5 * (1 + da[0].amaxNumber().doubleValue()));
    }
}
