package io.latentemu.models.nn;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient checks of building blocks in double precision: central finite differences of a random linear
 * functional of the block's output, {@code L = sum(y * R)}, against SameDiff's backward pass, for the input and
 * every parameter (a random subset of entries of each). Parameters are re-drawn at random first, so small or
 * zero initialisations cannot hide a wrong gradient.
 */
final class GradientChecks {

    static final double STEP = 1e-6;
    static final double REL_TOL = 1e-5;
    static final double ABS_TOL = 1e-8;
    static final int ENTRIES_PER_VARIABLE = 12;

    private GradientChecks() {
    }

    /** Builds {@code block(ctx, x)} on a random input of the given shape and checks all gradients. */
    static void assertGradients(long seed, long[] inputShape, BiFunction<GraphContext, SDVariable, SDVariable> block) {
        assertGradients(seed, inputShape, GraphOptions.defaults(), block);
    }

    static void assertGradients(long seed, long[] inputShape, GraphOptions options,
                                BiFunction<GraphContext, SDVariable, SDVariable> block) {
        List<String> failures = check(seed, inputShape, options, block);
        if (!failures.isEmpty()) {
            fail("gradient check failed at " + failures.size() + " entries, e.g. " + failures.subList(0, Math.min(5, failures.size())));
        }
    }

    /** The disagreeing entries, described; empty when all agree. */
    static List<String> check(long seed, long[] inputShape, GraphOptions options,
                              BiFunction<GraphContext, SDVariable, SDVariable> block) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Nd4j.getRandom().setSeed(seed);
            SameDiff sd = SameDiff.create();
            GraphContext ctx = GraphContext.create(sd, DataType.DOUBLE, seed, options);
            SDVariable x = sd.var("x", Nd4j.randn(DataType.DOUBLE, inputShape));
            SDVariable y = block.apply(ctx, x);
            long[] outShape = y.eval().shape();
            SDVariable loss = y.mul(sd.constant(Nd4j.randn(DataType.DOUBLE, outShape))).sum();
            sd.setLossVariables(loss);
            List<String> names = new ArrayList<>();
            for (SDVariable v : sd.variables()) {
                if (v.getVariableType() == VariableType.VARIABLE) {
                    names.add(v.name());
                    if (!v.name().equals("x")) {
                        v.setArray(Nd4j.randn(DataType.DOUBLE, v.getArr().shape()).muli(0.5));
                    }
                }
            }
            Map<String, INDArray> grads = sd.calculateGradients(Map.of(), names);
            Random pick = new Random(seed);
            List<String> failures = new ArrayList<>();
            for (String name : names) {
                INDArray value = sd.getVariable(name).getArr();
                INDArray grad = grads.get(name);
                if (grad == null) {
                    failures.add(name + ": no gradient");
                    continue;
                }
                INDArray flatValue = value.reshape(value.length());
                INDArray flatGrad = grad.reshape(grad.length());
                int n = (int) Math.min(ENTRIES_PER_VARIABLE, value.length());
                for (int c = 0; c < n; c++) {
                    long i = n == value.length() ? c : pick.nextInt((int) value.length());
                    double original = flatValue.getDouble(i);
                    flatValue.putScalar(i, original + STEP);
                    double plus = sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0);
                    flatValue.putScalar(i, original - STEP);
                    double minus = sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0);
                    flatValue.putScalar(i, original);
                    double numeric = (plus - minus) / (2 * STEP);
                    double analytic = flatGrad.getDouble(i);
                    double scale = Math.max(Math.abs(numeric), Math.abs(analytic));
                    if (Math.abs(numeric - analytic) > Math.max(ABS_TOL, REL_TOL * scale)) {
                        failures.add(name + "[" + i + "]: analytic " + analytic + " numeric " + numeric);
                    }
                }
            }
            return failures;
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
