package io.latentemu.examples;

import io.latentemu.data.batch.Batch;
import io.latentemu.data.batch.BatchConfig;
import io.latentemu.data.batch.BatchStream;
import io.latentemu.data.batch.WellBatches;
import io.latentemu.data.norm.NormalizationConfig;
import io.latentemu.data.norm.Normalizer;
import io.latentemu.data.norm.WellStats;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellMetadata;
import io.latentemu.data.well.WellSplit;
import io.latentemu.data.window.Window;
import io.latentemu.data.window.WindowReader;
import io.latentemu.data.window.WindowSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Example: iterate over a dataset in The Well's layout. Opens a dataset directory, prints what it holds, walks
 * over the windows of the train split one by one (normalised), then over shuffled training batches prepared
 * in the background, and checks that normalisation gives each channel mean 0 and variance 1 over the split.
 *
 * <pre>./emulator example iterate-dataset runs/quickstart/data</pre>
 */
public final class IterateDataset {

    private IterateDataset() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        run(args, out);
        out.flush();
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(String[] args, PrintWriter out) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: iterate-dataset DATASET_DIR");
        }
        Path root = Path.of(args[0]);
        try (WellDataset dataset = WellDataset.open(root)) {
            WellSplit train = dataset.split("train");
            WellMetadata meta = train.metadata();
            out.printf("%s: %d trajectories in %d files, grid %s, channels %s, parameters %s%n",
                    meta.datasetName(), train.trajectories(), train.files().size(), Arrays.toString(meta.spatialShape()),
                    meta.channelNames(), meta.parameterNames());

            Normalizer normalizer = Normalizer.create(meta, WellStats.read(dataset.statsFile().orElseThrow()),
                    NormalizationConfig.zscore());
            // windows of one context state and four states to predict, as the emulators train on
            WindowReader windows = new WindowReader(train, new WindowSpec(1, 4, 1), normalizer);
            int channels = meta.channelCount();
            int points = meta.pointsPerChannel();
            double[] sum = new double[channels];
            double[] sumSquares = new double[channels];
            long count = 0;
            for (int i = 0; i < windows.size(); i++) {
                Window w = windows.read(i);                 // [5, C, H, W], normalised
                for (int c = 0; c < channels; c++) {
                    int offset = c * points;                // first state of the window only
                    for (int k = 0; k < points; k++) {
                        double v = w.data()[offset + k];
                        sum[c] += v;
                        sumSquares[c] += v * v;
                    }
                }
                count += points;
            }
            out.printf("%d windows of shape %s%n", windows.size(), Arrays.toString(windows.windowShape()));
            for (int c = 0; c < channels; c++) {
                double mean = sum[c] / count;
                out.printf(Locale.ROOT, "  %-12s normalised mean %+.3f, variance %.3f%n", meta.channelNames().get(c),
                        mean, sumSquares[c] / count - mean * mean);
            }

            // shuffled batches, the batch of step n being a pure function of n; two steps ahead in the background
            WellBatches batches = new WellBatches(windows, BatchConfig.builder(16).seed(7).prefetch(2).workers(2).build());
            try (BatchStream stream = batches.stream(0, 5)) {
                for (int step = 0; step < 5; step++) {
                    Batch b = stream.next();
                    out.printf("step %d (epoch %d): batch %s, windows %s%n", b.step(), b.epoch(),
                            Arrays.toString(b.shape()), Arrays.toString(Arrays.copyOf(b.windows(), 4)) + "...");
                }
            }
            WellFile first = train.files().get(0);
            out.printf("first file %s: times %.4g .. %.4g, parameters of trajectory 0: %s%n",
                    first.path().getFileName(), first.times(0)[0], first.times(0)[first.steps() - 1],
                    Arrays.toString(first.parameters(0, 0)));
        }
    }
}
