package io.latentemu.core.diffusion;

import io.latentemu.core.Seeds;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Standard Gaussian noise for a batch in which every row has its own seed, so a row's draws do not
 * depend on which other rows share the batch: ensemble member k of trajectory b gets the same numbers
 * whether it is sampled alone or with others.
 *
 * <p>A draw is identified by a stream number (the sampler uses 0 for the initial noise and one stream
 * per step and call); row b of stream s is a pure function of {@code (rowSeed[b], s)}.
 */
public final class NoiseSource {

    private final long[] rowSeeds;
    private Random random;

    private NoiseSource(long[] rowSeeds) {
        if (rowSeeds.length == 0) {
            throw new IllegalArgumentException("a noise source needs at least one row seed");
        }
        this.rowSeeds = rowSeeds.clone();
    }

    /** One explicit seed per batch row. */
    public static NoiseSource forRows(long... rowSeeds) {
        return new NoiseSource(rowSeeds);
    }

    /** {@code rows} row seeds derived from one seed. */
    public static NoiseSource derived(long seed, int rows) {
        long[] seeds = new long[rows];
        for (int i = 0; i < rows; i++) {
            seeds[i] = Seeds.mix(seed, i);
        }
        return new NoiseSource(seeds);
    }

    /** Number of rows. */
    public int rows() {
        return rowSeeds.length;
    }

    /** The seed of each row. */
    public long[] rowSeeds() {
        return rowSeeds.clone();
    }

    /**
     * A tensor of independent N(0, 1) entries.
     *
     * @param type   floating-point type of the result
     * @param shape  {@code [B, ...]} with B = {@link #rows()}
     * @param stream which draw this is
     */
    public synchronized INDArray gaussian(DataType type, long[] shape, long stream) {
        if (shape.length == 0 || shape[0] != rowSeeds.length) {
            throw new IllegalArgumentException("noise shape " + Arrays.toString(shape) + " must have "
                    + rowSeeds.length + " rows");
        }
        if (random == null) {
            // a buffer of 2^20 draws: much faster to reseed than the default (checked), same numbers
            random = Nd4j.getRandomFactory().getNewRandomInstance(0, 1 << 20);
        }
        long[] rowShape = Arrays.copyOfRange(shape, 1, shape.length);
        INDArray out = Nd4j.createUninitialized(type, shape);
        for (int b = 0; b < rowSeeds.length; b++) {
            random.setSeed(Seeds.mix(rowSeeds[b], stream));
            INDArray row = Nd4j.createUninitialized(type, rowShape.length == 0 ? new long[] {1} : rowShape);
            Nd4j.getExecutioner().exec(new GaussianDistribution(row, 0.0, 1.0), random);
            out.slice(b).assign(row.reshape(out.slice(b).shape()));
        }
        return out;
    }
}
