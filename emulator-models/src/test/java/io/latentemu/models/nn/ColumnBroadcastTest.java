package io.latentemu.models.nn;

import static io.latentemu.models.nn.GradientChecks.assertGradients;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows combined with a column ({@link ColumnBroadcast}): gradients by central finite differences in double
 * precision (the column a free variable and a function of the rows, as in the norms), and in single precision
 * against the gradients SameDiff derives for libnd4j's broadcasting ops.
 */
class ColumnBroadcastTest {

    @Test
    void finiteDifferencesWithFreeColumns() {
        assertGradients(5, new long[]{2, 3, 4, 5}, (ctx, x) -> {
            SDVariable rows = x.reshape(24, 5);
            SDVariable shift = ctx.sd().var("shift", Nd4j.randn(DataType.DOUBLE, 24, 1));
            SDVariable scale = ctx.sd().var("scale", Nd4j.randn(DataType.DOUBLE, 24, 1));
            return Broadcasts.multiplyColumn(ctx, Broadcasts.subtractColumn(ctx, rows, shift), scale);
        });
    }

    @Test
    void finiteDifferencesWithColumnsComputedFromTheRows() {
        assertGradients(6, new long[]{6, 4}, (ctx, x) -> {
            SDVariable centred = Broadcasts.subtractColumn(ctx, x, x.mean(true, 1));
            return Broadcasts.multiplyColumn(ctx, centred, centred.mul(centred).sum(true, 1).add(1.0));
        });
    }

    @Test
    void singlePrecisionGradientsEqualThoseOfBroadcastingOps() {
        INDArray rows = Nd4j.randn(DataType.FLOAT, 4096, 32);
        INDArray column = Nd4j.randn(DataType.FLOAT, 4096, 1);
        INDArray weights = Nd4j.randn(DataType.FLOAT, 4096, 32);
        Map<String, INDArray> ours = gradients(rows, column, weights, true);
        Map<String, INDArray> broadcasting = gradients(rows, column, weights, false);
        for (String name : new String[]{"x", "v"}) {
            double scale = broadcasting.get(name).norm2Number().doubleValue();
            assertEquals(0, ours.get(name).sub(broadcasting.get(name)).norm2Number().doubleValue(), 1e-6 * scale, name);
        }
    }

    private static Map<String, INDArray> gradients(INDArray rows, INDArray column, INDArray weights, boolean columnOps) {
        SameDiff sd = SameDiff.create();
        GraphContext ctx = GraphContext.create(sd, DataType.FLOAT, 0, GraphOptions.defaults());
        SDVariable x = sd.var("x", rows.dup());
        SDVariable v = sd.var("v", column.dup());
        SDVariable y = columnOps
                ? Broadcasts.multiplyColumn(ctx, Broadcasts.subtractColumn(ctx, x, v), v.mul(v))
                : x.sub(v).mul(v.mul(v));
        sd.setLossVariables(y.mul(sd.constant(weights)).sum());
        return sd.calculateGradients(Map.of(), "x", "v");
    }
}
