package io.latentemu.models.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.latentemu.models.onednn.RowNormClosedForm.EPS;
import static io.latentemu.models.onednn.RowNormClosedForm.normalised;
import static io.latentemu.models.onednn.RowNormClosedForm.rows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.latentemu.models.graph.JavaOpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * oneDNN's row norm ({@link RowNorm}, {@link RowNormGradient}) in graphs, against the closed forms evaluated in
 * Java's double arithmetic ({@link RowNormClosedForm}), on rows with large offsets, constant rows (where eps
 * alone keeps the division finite) and rows of small variance (where eps matters), for inputs of rank 2 and 4
 * and for a strided input; saved and loaded; and the message of a session that cannot run it.
 */
class RowNormTest {


    @BeforeAll
    static void needsOneDnn() {
        assumeTrue(OneDnn.available(), () -> "oneDNN unavailable: " + OneDnn.unavailableReason());
    }

    private static SameDiff graph(INDArray x, INDArray weights) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("x", x.dup());
        SDVariable y = RowNorm.apply(sd, in, EPS);
        sd.setLossVariables(y.mul(sd.constant(weights)).sum("loss"));
        y.rename("y");
        sd.createGradFunction();
        JavaOpSession.install(sd);
        return sd;
    }

    /** Checks y and dx of the loss {@code sum(w * y)} row by row against the closed forms. */
    private static void assertMatchesClosedForm(INDArray x, SameDiff sd, INDArray weights) {
        INDArray y = sd.output(Map.of(), "y").get("y");
        INDArray dx = sd.calculateGradients(Map.of(), "x").get("x");
        RowNormClosedForm.check(x, weights, y, dx);
    }

    @Test
    void rowsMatchTheClosedForms() {
        INDArray x = rows(64, 32);
        INDArray w = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        assertMatchesClosedForm(x, graph(x, w), w);
    }

    @Test
    void channelsLastImagesAreNormalisedOverTheirLastAxis() {
        INDArray x = rows(2 * 4 * 4, 16).reshape(2, 4, 4, 16);
        INDArray w = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        assertMatchesClosedForm(x, graph(x, w), w);
    }

    @Test
    void stridedInputIsReadCorrectly() {
        INDArray wide = rows(24, 40);
        INDArray transposed = wide.transpose();   // [40, 24], column-major view
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.FLOAT, -1, 24);
        SDVariable y = RowNorm.apply(sd, in, EPS);
        y.rename("y");
        JavaOpSession.install(sd);
        INDArray out = sd.output(Map.of("x", transposed), "y").get("y");
        for (long i = 0; i < 40; i++) {
            double[] expected = normalised(transposed.getRow(i).toDoubleVector());
            for (int j = 0; j < 24; j++) {
                assertEquals(expected[j], out.getDouble(i, j), 1e-5 * (1 + Math.abs(expected[j])));
            }
        }
    }

    @Test
    void savedAndLoadedGraphKeepsTheOpAndItsGradient() throws Exception {
        INDArray x = rows(16, 8);
        INDArray w = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        SameDiff sd = graph(x, w);
        INDArray before = sd.calculateGradients(Map.of(), "x").get("x");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sd.save(bytes, true);
        OneDnnOp.register();
        SameDiff loaded = SameDiff.load(new ByteArrayInputStream(bytes.toByteArray()), true);
        loaded.createGradFunction();
        JavaOpSession.install(loaded);
        assertTrue(loaded.getOps().values().stream().anyMatch(op -> op.getOp() instanceof RowNorm));
        INDArray after = loaded.calculateGradients(Map.of(), "x").get("x");
        assertEquals(0, after.sub(before).amaxNumber().doubleValue(), 1e-7);
    }

    @Test
    void aPlainSameDiffSessionSaysWhereTheOpRuns() {
        SameDiff sd = SameDiff.create();
        SDVariable y = RowNorm.apply(sd, sd.var("x", rows(4, 8)), EPS);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.eval());
        assertTrue(e.getMessage().contains("ModelGraph"), e.getMessage());
    }

    @Test
    void arraysOfTheWrongSizeAreRefusedBeforeOneDnnTouchesThem() {
        RowNormGradient gradient = new RowNormGradient();
        gradient.addTArgument(EPS);
        INDArray x = rows(4, 8);
        INDArray[] in = {x, Nd4j.zeros(DataType.FLOAT, 4), Nd4j.ones(DataType.FLOAT, 4), Nd4j.ones(DataType.FLOAT, 4, 7)};
        assertThrows(IllegalArgumentException.class, () -> gradient.execute(in, new INDArray[]{x.like()}));
    }

    @Test
    void moreShapesThanTheCacheHoldsStillComputeTheNorm() {
        // every row count is a primitive of its own; past the per-thread limit the oldest are destroyed
        RowNorm norm = new RowNorm();
        norm.addTArgument(EPS);
        for (int n = 4; n < 4 + OneDnn.PRIMITIVES_PER_THREAD + 10; n++) {
            INDArray x = rows(n, 8);
            INDArray[] out = {x.like(), Nd4j.create(DataType.FLOAT, n), Nd4j.create(DataType.FLOAT, n)};
            norm.execute(new INDArray[]{x}, out);
            if (n == 4 || n == 4 + OneDnn.PRIMITIVES_PER_THREAD + 9) {
                double[] expected = normalised(x.getRow(0).toDoubleVector());
                for (int j = 0; j < 8; j++) {
                    assertEquals(expected[j], out[0].getDouble(0, j), 1e-5 * (1 + Math.abs(expected[j])));
                }
            }
        }
        INDArray again = rows(4, 8);   // its primitive was evicted and is made afresh
        INDArray[] out = {again.like(), Nd4j.create(DataType.FLOAT, 4), Nd4j.create(DataType.FLOAT, 4)};
        norm.execute(new INDArray[]{again}, out);
        assertEquals(normalised(again.getRow(1).toDoubleVector())[3], out[0].getDouble(1, 3), 1e-4);
    }
}
