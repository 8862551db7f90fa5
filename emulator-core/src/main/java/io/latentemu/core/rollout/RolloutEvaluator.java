package io.latentemu.core.rollout;

import io.latentemu.core.metrics.FieldMetrics;
import io.latentemu.core.metrics.MetricTable;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Rolls trajectories out from their first states and scores every lead time against the truth, per
 * channel, on de-normalised fields ({@link FieldMetrics}). Leads are decoded one at a time, so memory
 * holds the latents plus one lead of states.
 */
public final class RolloutEvaluator {

    private final Rollout rollout;
    private final List<String> channels;
    private final UnaryOperator<INDArray> denormalise;

    /**
     * @param rollout     the emulator and codec under test
     * @param channels    channel names of the states
     * @param denormalise maps normalised states {@code [N, C, ...]} to physical values (e.g.
     *                    {@link #affine}); {@link UnaryOperator#identity()} when already physical
     */
    public RolloutEvaluator(Rollout rollout, List<String> channels, UnaryOperator<INDArray> denormalise) {
        this.rollout = rollout;
        this.channels = List.copyOf(channels);
        this.denormalise = denormalise;
    }

    /** {@code x * std[c] + mean[c]} per channel c of states {@code [N, C, ...]}: undoes z-scoring. */
    public static UnaryOperator<INDArray> affine(double[] mean, double[] std) {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means for " + std.length + " standard deviations");
        }
        return x -> {
            if (x.size(1) != mean.length) {
                throw new IllegalArgumentException("states have " + x.size(1) + " channels, the normalisation " + mean.length);
            }
            long[] shape = new long[x.rank()];
            Arrays.fill(shape, 1);
            shape[1] = mean.length;
            INDArray m = Nd4j.createFromArray(mean).castTo(x.dataType()).reshape(shape);
            INDArray s = Nd4j.createFromArray(std).castTo(x.dataType()).reshape(shape);
            return x.mul(s).addi(m);
        };
    }

    /**
     * Emulates and scores a batch of trajectories.
     *
     * @param truth      normalised states {@code [B, c + T, C, ...]}; the first c are the initial context
     * @param parameters simulation parameters {@code [B, P]}, or null
     * @param members    ensemble members K
     * @param seed       root of the emulator's randomness
     * @param table      receives one value per trajectory, channel and lead; its lead count must be T
     * @return the latent trajectories {@code [B, K, T, ...latent]}
     */
    public INDArray evaluate(INDArray truth, INDArray parameters, int members, long seed, MetricTable table) {
        int c = rollout.emulator().context();
        int leads = (int) truth.size(1) - c;
        if (leads != table.leads()) {
            throw new IllegalArgumentException("truth has " + leads + " lead times after the context, the table "
                    + table.leads());
        }
        if (truth.size(2) != channels.size()) {
            throw new IllegalArgumentException("truth has " + truth.size(2) + " channels, named " + channels);
        }
        INDArray latents = rollout.emulateLatent(Windows.frames(truth, 0, c).dup(), parameters, leads, members, seed);
        int b = (int) truth.size(0);
        int[] spatial = Arrays.stream(Arrays.copyOfRange(truth.shape(), 3, truth.rank())).mapToInt(Math::toIntExact).toArray();
        FieldMetrics metrics = new FieldMetrics(spatial);
        for (int t = 1; t <= leads; t++) {
            INDArray pred = rollout.decodeLead(latents, t);                   // [B, K, C, ...]
            long[] flat = Arrays.copyOfRange(pred.shape(), 1, pred.rank());
            flat[0] = (long) b * members;
            pred = denormalise.apply(pred.reshape(flat)).reshape(pred.shape()).castTo(DataType.DOUBLE);
            INDArray u = denormalise.apply(frame(truth, c + t - 1)).castTo(DataType.DOUBLE); // [B, C, ...]
            for (int i = 0; i < b; i++) {
                for (int ch = 0; ch < channels.size(); ch++) {
                    double[] truthField = field(u, i, ch);
                    double[][] fields = new double[members][];
                    for (int k = 0; k < members; k++) {
                        fields[k] = field(pred.get(NDArrayIndex.point(i)), k, ch);
                    }
                    table.add(ch, t, metrics.evaluate(truthField, fields));
                }
            }
        }
        return latents;
    }

    /** Frame {@code index} of {@code [B, n, ...]}: {@code [B, ...]}. */
    private static INDArray frame(INDArray x, int index) {
        INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[1] = NDArrayIndex.point(index);
        return x.get(idx).dup();
    }

    /** Channel {@code ch} of row {@code row} of {@code [N, C, ...]} as a row-major double array. */
    private static double[] field(INDArray x, int row, int ch) {
        return x.get(NDArrayIndex.point(row), NDArrayIndex.point(ch)).dup('c').data().asDouble();
    }
}
