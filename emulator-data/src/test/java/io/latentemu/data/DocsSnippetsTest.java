package io.latentemu.data;

import io.latentemu.data.augment.AugmentationConfig;
import io.latentemu.data.batch.Batch;
import io.latentemu.data.batch.BatchConfig;
import io.latentemu.data.batch.BatchStream;
import io.latentemu.data.batch.WellBatches;
import io.latentemu.data.norm.FieldTransform;
import io.latentemu.data.norm.NormalizationConfig;
import io.latentemu.data.norm.Normalizer;
import io.latentemu.data.norm.StatsComputer;
import io.latentemu.data.norm.WellStats;
import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellMetadata;
import io.latentemu.data.well.WellSplit;
import io.latentemu.data.window.WindowReader;
import io.latentemu.data.window.WindowSpec;
import io.latentemu.data.write.Trajectory;
import io.latentemu.data.write.WellDescription;
import io.latentemu.data.write.WellWriter;
import io.latentemu.data.write.WriteOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the code blocks of docs/data.md. Each block is copied between {@code // snippet: NAME} and
 * {@code // end snippet} below; {@link #docsShowTheSameCode()} checks the copies are identical.
 */
@SuppressWarnings("unused")
class DocsSnippetsTest {

    /** The dataset directory the snippets open. */
    final Path root = TestDatasets.fixture("advection_2d_tiny");
    /** Where the snippets write. */
    @TempDir
    Path work;

    @Test
    void open() {
        // snippet: open
        try (WellDataset dataset = WellDataset.open(root)) {
            WellSplit train = dataset.split("train");
            WellMetadata meta = train.metadata();
            List<String> channels = meta.channelNames();     // [density, pressure, velocity_x, velocity_y]
            int[] grid = meta.spatialShape();                // [32, 48]: x maps to H, y to W
            boolean periodicX = meta.isPeriodic(0);
            WellFile file = train.files().get(0);
            // states 3, 5, 7, 9, 11 of trajectory 0, laid out [5, C, H, W]
            float[] window = file.readWindow(0, 3, 5, 2);
            double[] parameters = file.parameters(0, 3);     // simulation_parameters at step 3
            double[] times = file.times(0);
        }
        // end snippet
    }

    @Test
    void normalise() {
        // snippet: normalise
        try (WellDataset dataset = WellDataset.open(root)) {
            WellMetadata meta = dataset.split("train").metadata();
            WellStats stats = WellStats.read(dataset.statsFile().orElseThrow());
            Normalizer zscore = Normalizer.create(meta, stats, NormalizationConfig.zscore());
            float[] states = dataset.split("train").files().get(0).readWindow(0, 0, 2, 1);
            zscore.normalize(states, 0, 2);      // two states [C, H, W], in place
            zscore.denormalize(states, 0, 2);    // and back
        }
        // end snippet
    }

    @Test
    void transformedStats() {
        // snippet: transformed-stats
        try (WellDataset dataset = WellDataset.open(root)) {
            WellSplit train = dataset.split("train");
            Map<String, FieldTransform> transforms = Map.of("density", FieldTransform.LOG1P);
            WellStats logStats = new StatsComputer(transforms, states -> { }).compute(train);
            logStats.write(work.resolve("stats_log1p.yaml"), train.metadata(), false);
            NormalizationConfig config = NormalizationConfig.zscore().withTransform("density", FieldTransform.LOG1P);
            Normalizer normalizer = Normalizer.create(train.metadata(), logStats, config);
        }
        // end snippet
        assertTrue(Files.exists(work.resolve("stats_log1p.yaml")));
    }

    @Test
    void batches() {
        // snippet: batches
        try (WellDataset dataset = WellDataset.open(root)) {
            WellSplit train = dataset.split("train");
            Normalizer normalizer = Normalizer.create(train.metadata(),
                    WellStats.read(dataset.statsFile().orElseThrow()), NormalizationConfig.zscore());
            WindowReader windows = new WindowReader(train, new WindowSpec(1, 4, 1), normalizer);
            BatchConfig config = BatchConfig.builder(8).seed(42).prefetch(2).workers(2).build();
            WellBatches batches = new WellBatches(windows, config);
            Batch batch = batches.batch(123);   // the batch of step 123, at any time
            int[] shape = batch.shape();        // [8, 5, 4, 32, 48]
            // with ND4J: Nd4j.create(batch.data(), Arrays.stream(shape).asLongStream().toArray(), 'c')
            try (BatchStream stream = batches.stream(123)) {   // steps 123, 124, ... prepared in the background
                Batch same = stream.next();
            }
        }
        // end snippet
    }

    @Test
    void augment() {
        // snippet: augment
        BatchConfig augmented = BatchConfig.builder(8).seed(1).augmentation(AugmentationConfig.all()).build();
        // end snippet
        assertTrue(augmented.augmentation().enabled());
    }

    @Test
    void write() {
        // snippet: write
        WellDescription description = WellDescription.builder("my_advection")
                .axis(Axis.uniform("x", 64, 0, 1), BoundaryType.PERIODIC)   // cell centres of [0, 1)
                .axis(Axis.uniform("y", 64, 0, 1), BoundaryType.PERIODIC)
                .field("density", 0)
                .field("velocity", 1)                                       // channels velocity_x, velocity_y
                .parameter("viscosity")
                .build();
        int steps = 10;
        float[] states = new float[steps * description.frameSize()];       // [T, C, H, W], C = 3
        double[] times = new double[steps];
        for (int t = 0; t < steps; t++) {
            times[t] = 0.1 * t;
        }
        Trajectory trajectory = new Trajectory(states, times, new double[]{1e-3});
        WellWriter writer = new WellWriter(description, WriteOptions.gzip(4));
        writer.write(work.resolve("my_advection/data/train/part0.hdf5"), List.of(trajectory));

        try (WellDataset written = WellDataset.open(work.resolve("my_advection"))) {
            WellSplit train = written.split("train");
            new StatsComputer().compute(train).write(work.resolve("my_advection/stats.yaml"), train.metadata(), false);
        }
        // end snippet
        assertTrue(Files.exists(work.resolve("my_advection/stats.yaml")));
    }

    /** The blocks of docs/data.md marked {@code <!-- snippet: NAME -->} equal the code above, line for line. */
    @Test
    void docsShowTheSameCode() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "data.md"), StandardCharsets.UTF_8);
        String source = Files.readString(Path.of("src", "test", "java", "io", "latentemu", "data",
                "DocsSnippetsTest.java"), StandardCharsets.UTF_8);
        Map<String, String> documented = blocks(docs, Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL));
        Map<String, String> tested = blocks(source, Pattern.compile("// snippet: ([\\w-]+)\\n(.*?)\\n\\s*// end snippet", Pattern.DOTALL));
        assertEquals(tested.keySet(), documented.keySet(), "the same snippets in docs/data.md and here");
        for (String name : documented.keySet()) {
            assertEquals(tested.get(name), documented.get(name), "snippet '" + name + "'");
        }
    }

    private static Map<String, String> blocks(String text, Pattern pattern) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.put(m.group(1), dedent(m.group(2)));
        }
        return out;
    }

    /** Removes the indentation common to all non-blank lines, and trailing blank lines. */
    private static String dedent(String block) {
        List<String> lines = new ArrayList<>(block.lines().toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
