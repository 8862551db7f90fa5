package io.latentemu.core.diffusion;

import io.latentemu.core.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Standard Gaussian noise for a batch in which every row has its own seed, so a row's draws do not
 * depend on which other rows share the batch: ensemble member k of trajectory b gets the same numbers
 * whether it is sampled alone or with others.
 *
 * <p>A draw is identified by a stream number (the sampler uses 0 for the initial noise and one stream
 * per step and call); row b of stream s is a pure function of {@code (rowSeed[b], s)}. The numbers come
 * from Java's {@link SplittableRandom}, not from the ND4J backend, so a seed gives the same noise on
 * every backend and thread count.
 */
public final class NoiseSource {

    private final long[] rowSeeds;

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
    public INDArray gaussian(DataType type, long[] shape, long stream) {
        if (shape.length == 0 || shape[0] != rowSeeds.length) {
            throw new IllegalArgumentException("noise shape " + Arrays.toString(shape) + " must have "
                    + rowSeeds.length + " rows");
        }
        long perRow = 1;
        for (int i = 1; i < shape.length; i++) {
            perRow *= shape[i];
        }
        if (perRow * rowSeeds.length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("noise tensor " + Arrays.toString(shape) + " is too large for one draw");
        }
        int n = (int) perRow;
        int rows = rowSeeds.length;
        // rows in parallel: each row's numbers depend only on its own seed
        if (type == DataType.DOUBLE) {
            double[] values = new double[n * rows];
            IntStream.range(0, rows).parallel().forEach(b -> {
                SplittableRandom rng = new SplittableRandom(Seeds.mix(rowSeeds[b], stream));
                for (int i = b * n, end = i + n; i < end; i++) {
                    values[i] = rng.nextGaussian();
                }
            });
            return Nd4j.createFromArray(values).reshape(shape);
        }
        float[] values = new float[n * rows];
        IntStream.range(0, rows).parallel().forEach(b -> {
            SplittableRandom rng = new SplittableRandom(Seeds.mix(rowSeeds[b], stream));
            for (int i = b * n, end = i + n; i < end; i++) {
                values[i] = (float) rng.nextGaussian();
            }
        });
        INDArray out = Nd4j.createFromArray(values).reshape(shape);
        return type == DataType.FLOAT ? out : out.castTo(type);
    }
}
