package io.latentemu.core.train;

import io.latentemu.core.Seeds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A hand-written trainable model for the trainer's tests: y = x W + b with analytic gradients of the
 * mean squared error. Inputs are corrupted by noise from ND4J's global generator (as dropout or a
 * diffusion objective would draw), so exact resumption depends on the trainer reseeding it.
 */
final class LinearRegression implements TrainableModel<LinearRegression.Batch> {

    record Batch(INDArray x, INDArray y) {
    }

    static final int IN = 6;
    static final int OUT = 3;

    private final Map<String, INDArray> params = new LinkedHashMap<>();
    private final double inputNoise;
    private final DataType type;

    LinearRegression(long initSeed, double inputNoise, DataType type) {
        this.inputNoise = inputNoise;
        this.type = type;
        SplittableRandom rng = new SplittableRandom(initSeed);
        params.put("layer/W", Nd4j.createFromArray(rng.doubles(IN * OUT, -0.5, 0.5).toArray()).reshape(IN, OUT).castTo(type));
        params.put("layer/b", Nd4j.zeros(type, OUT));
    }

    @Override
    public Map<String, INDArray> parameters() {
        return params;
    }

    @Override
    public LossAndGradients lossAndGradients(Batch batch, long seed) {
        INDArray x = batch.x().castTo(type);
        if (inputNoise > 0) {
            x = x.add(Nd4j.randn(type, x.shape()).muli(inputNoise)); // global generator, reseeded per step
        }
        INDArray w = params.get("layer/W");
        INDArray b = params.get("layer/b");
        INDArray residual = x.mmul(w).addiRowVector(b).subi(batch.y().castTo(type));
        long n = residual.length();
        double loss = residual.mul(residual).sumNumber().doubleValue() / n;
        INDArray dW = x.transpose().mmul(residual).muli(2.0 / n);
        INDArray db = residual.sum(0).muli(2.0 / n);
        return new LossAndGradients(loss, Map.of("layer/W", dW, "layer/b", db));
    }

    /** Batches of y = x W* + b* + noise, a pure function of the step. */
    static BatchSource<Batch> data(long seed, int size) {
        SplittableRandom truth = new SplittableRandom(99);
        double[] wStar = truth.doubles(IN * OUT, -1, 1).toArray();
        double[] bStar = truth.doubles(OUT, -1, 1).toArray();
        return new BatchSource<>() {
            @Override
            public Batch batch(long step) {
                SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, step));
                double[] x = new double[size * IN];
                double[] y = new double[size * OUT];
                for (int i = 0; i < size; i++) {
                    for (int j = 0; j < IN; j++) {
                        x[i * IN + j] = rng.nextGaussian();
                    }
                    for (int o = 0; o < OUT; o++) {
                        double v = bStar[o] + 0.01 * rng.nextGaussian();
                        for (int j = 0; j < IN; j++) {
                            v += x[i * IN + j] * wStar[j * OUT + o];
                        }
                        y[i * OUT + o] = v;
                    }
                }
                return new Batch(Nd4j.createFromArray(x).reshape(size, IN), Nd4j.createFromArray(y).reshape(size, OUT));
            }

            @Override
            public int batchSize() {
                return size;
            }
        };
    }

    static double[] trueWeights() {
        SplittableRandom truth = new SplittableRandom(99);
        return truth.doubles(IN * OUT, -1, 1).toArray();
    }
}
