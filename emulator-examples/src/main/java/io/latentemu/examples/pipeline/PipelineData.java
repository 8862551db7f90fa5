package io.latentemu.examples.pipeline;

import io.latentemu.data.norm.NormalizationConfig;
import io.latentemu.data.norm.NormalizationMode;
import io.latentemu.data.norm.Normalizer;
import io.latentemu.data.norm.WellStats;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellMetadata;
import io.latentemu.data.well.WellSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dataset as the pipeline sees it: The Well's directory with its statistics, normalised per channel,
 * with the shapes and names the networks need, and whole normalised trajectories as ND4J arrays. The
 * pipeline handles 2-D datasets whose trajectories all have the same number of steps.
 */
public final class PipelineData implements AutoCloseable {

    private final WellDataset dataset;
    private final WellMetadata metadata;
    private final Normalizer normalizer;

    private PipelineData(WellDataset dataset, Normalizer normalizer) {
        this.dataset = dataset;
        this.metadata = dataset.split("train").metadata();
        this.normalizer = normalizer;
    }

    /**
     * Opens a dataset directory (with {@code stats.yaml} and a train split) and normalises it.
     *
     * @param mode z-score (The Well's) or RMS
     */
    public static PipelineData open(Path root, NormalizationMode mode) {
        WellDataset dataset = WellDataset.open(root);
        try {
            if (dataset.isSingleFile() || !dataset.hasSplit("train")) {
                throw new IllegalArgumentException(root + ": expected a dataset directory with data/train (and test)");
            }
            WellMetadata meta = dataset.split("train").metadata();
            if (meta.spatialDims() != 2) {
                throw new IllegalArgumentException(root + ": the pipeline emulates 2-D fields; this dataset has "
                        + meta.spatialDims() + " spatial dimensions");
            }
            Path statsFile = dataset.statsFile().orElseThrow(() -> new IllegalArgumentException(
                    root + ": no " + WellDataset.STATS_FILE + " (the statistics of the train split are needed to normalise)"));
            NormalizationConfig config = mode == NormalizationMode.RMS ? NormalizationConfig.rms() : NormalizationConfig.zscore();
            Normalizer normalizer = Normalizer.create(meta, WellStats.read(statsFile), config);
            return new PipelineData(dataset, normalizer);
        } catch (RuntimeException e) {
            dataset.close();
            throw e;
        }
    }

    public WellDataset dataset() {
        return dataset;
    }

    /** Metadata of the train split (all splits share the layout). */
    public WellMetadata metadata() {
        return metadata;
    }

    public Normalizer normalizer() {
        return normalizer;
    }

    public List<String> channels() {
        return metadata.channelNames();
    }

    /** Shape {@code [C, H, W]} of a state. */
    public long[] stateShape() {
        int[] s = metadata.spatialShape();
        return new long[] {metadata.channelCount(), s[0], s[1]};
    }

    /** Simulation parameters per trajectory. */
    public int parameterCount() {
        return metadata.parameters().size();
    }

    /** Whether spatial axis 0 (H) or 1 (W) is periodic. */
    public boolean periodic(int axis) {
        return metadata.isPeriodic(axis);
    }

    /** A split by name; fails clearly when the dataset lacks it. */
    public WellSplit split(String name) {
        if (!dataset.hasSplit(name)) {
            throw new IllegalArgumentException(dataset.root() + ": no split '" + name + "' (has " + dataset.splitNames() + ")");
        }
        return dataset.split(name);
    }

    /** The number of trajectories of a split. */
    public int trajectoryCount(String split) {
        return split(split).trajectories();
    }

    /**
     * The first {@code max} trajectories of a split (all when {@code max <= 0}), normalised.
     *
     * @return states {@code [N, T, C, H, W]} and the parameters at their first step {@code [N, P]}
     */
    public Trajectories trajectories(String splitName, int max) {
        return trajectories(splitName, 0, max <= 0 ? Integer.MAX_VALUE : max);
    }

    /** Trajectories {@code [from, from + count)} of a split (fewer at its end), normalised. */
    public Trajectories trajectories(String splitName, int from, int count) {
        WellSplit split = split(splitName);
        List<float[]> states = new ArrayList<>();
        List<double[]> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int steps = -1;
        int seen = 0;
        for (WellFile f : split.files()) {
            for (int t = 0; t < f.trajectories(); t++, seen++) {
                if (seen < from) {
                    continue;
                }
                if (states.size() >= count) {
                    break;
                }
                if (steps >= 0 && f.steps() != steps) {
                    throw new IllegalArgumentException(f.path() + ": " + f.steps() + " steps per trajectory, the files before it "
                            + steps + "; the pipeline needs trajectories of equal length");
                }
                steps = f.steps();
                float[] data = f.readWindow(t, 0, steps, 1);
                normalizer.normalize(data, 0, steps);
                states.add(data);
                params.add(f.parameters(t, 0));
                names.add(f.path().getFileName() + "#" + t);
            }
        }
        if (states.isEmpty()) {
            throw new IllegalArgumentException(dataset.root() + ": split '" + splitName + "' has no trajectory from index " + from);
        }
        long[] shape = stateShape();
        int frame = (int) (shape[0] * shape[1] * shape[2]);
        float[] all = new float[states.size() * steps * frame];
        for (int i = 0; i < states.size(); i++) {
            System.arraycopy(states.get(i), 0, all, i * steps * frame, steps * frame);
        }
        INDArray x = Nd4j.create(all, new long[] {states.size(), steps, shape[0], shape[1], shape[2]}, 'c');
        int p = parameterCount();
        float[] pv = new float[states.size() * p];
        for (int i = 0; i < states.size(); i++) {
            for (int k = 0; k < p; k++) {
                pv[i * p + k] = (float) params.get(i)[k];
            }
        }
        INDArray pa = p == 0 ? null : Nd4j.create(pv, new long[] {states.size(), p}, 'c');
        return new Trajectories(x, pa, names);
    }

    /** Maps normalised states {@code [N, C, H, W]} to physical values (a new array). */
    public INDArray denormalize(INDArray states) {
        float[] data = states.castTo(DataType.FLOAT).dup('c').data().asFloat();
        normalizer.denormalize(data, 0, (int) states.size(0));
        return Nd4j.create(data, states.shape(), 'c').castTo(states.dataType());
    }

    @Override
    public void close() {
        dataset.close();
    }

    /**
     * Whole trajectories in memory.
     *
     * @param states     normalised states {@code [N, T, C, H, W]}
     * @param parameters simulation parameters {@code [N, P]}, or null when the dataset has none
     * @param names      {@code file#trajectory} of each row
     */
    public record Trajectories(INDArray states, INDArray parameters, List<String> names) {

        public int count() {
            return (int) states.size(0);
        }

        public int steps() {
            return (int) states.size(1);
        }
    }
}
