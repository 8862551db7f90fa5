package io.latentemu.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.core.diffusion.DiffusionSampler;
import io.latentemu.core.metrics.FieldMetrics;
import io.latentemu.core.metrics.LeadBin;
import io.latentemu.core.metrics.MetricTable;
import io.latentemu.core.rollout.DiffusionEmulator;
import io.latentemu.core.rollout.Rollout;
import io.latentemu.core.rollout.RolloutEvaluator;
import io.latentemu.core.train.Trainer;
import io.latentemu.core.train.TrainerConfig;
import io.latentemu.data.norm.NormalizationMode;
import io.latentemu.data.sim.DatasetGenerator;
import io.latentemu.data.sim.EulerConfig;
import io.latentemu.data.sim.EulerSimulator;
import io.latentemu.data.sim.GenerationListener;
import io.latentemu.data.sim.GenerationRequest;
import io.latentemu.examples.pipeline.AutoencoderNetwork;
import io.latentemu.examples.pipeline.AutoencoderRun;
import io.latentemu.examples.pipeline.AutoencoderRunConfig;
import io.latentemu.examples.pipeline.ConfigFiles;
import io.latentemu.examples.pipeline.EmulationSpace;
import io.latentemu.examples.pipeline.EmulatorKind;
import io.latentemu.examples.pipeline.EmulatorRun;
import io.latentemu.examples.pipeline.EmulatorRunConfig;
import io.latentemu.examples.pipeline.EvaluationStage;
import io.latentemu.examples.pipeline.PipelineData;
import io.latentemu.examples.pipeline.RolloutStage;
import io.latentemu.examples.pipeline.StateBatches;
import io.latentemu.examples.pipeline.TrainingSettings;
import io.latentemu.examples.pipeline.WindowSource;
import io.latentemu.examples.report.Report;
import io.latentemu.models.autoencoder.Autoencoder;
import io.latentemu.models.autoencoder.AutoencoderConfig;
import io.latentemu.models.autoencoder.ReconstructionLoss;
import io.latentemu.models.backbone.VitConfig;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.emulator.DiffusionModel;
import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.graph.ModelCard;
import io.latentemu.models.graph.Normalization;
import io.latentemu.models.nn.Periodicity;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs the Java blocks of docs/api.md on a tiny Euler dataset. Each block is copied between
 * {@code // snippet: NAME} and {@code // end snippet} below; {@link #docsShowTheSameCode()} checks that the
 * copies are identical.
 */
@SuppressWarnings("unused")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiSnippetsTest {

    @TempDir
    static Path work;

    static Path data() {
        return work.resolve("euler");
    }

    @Test
    @Order(1)
    void generate() {
        Path dataDir = data();
        // snippet: generate
        EulerSimulator simulator = new EulerSimulator(EulerConfig.builder().resolution(16).frames(12).build());
        new DatasetGenerator().generate(simulator, GenerationRequest.of(dataDir, 4, 1, 2, 0L), GenerationListener.NONE);
        // end snippet
        assertTrue(Files.exists(dataDir.resolve("stats.yaml")));
    }

    @Test
    @Order(2)
    void autoencoder() throws IOException {
        Path dataDir = data();
        Path modelFile = work.resolve("my-autoencoder.zip");
        // snippet: autoencoder
        try (PipelineData data = PipelineData.open(dataDir, NormalizationMode.ZSCORE)) {
            long[] state = data.stateShape();                               // [C, H, W]
            AutoencoderConfig config = AutoencoderConfig.builder().inputChannels((int) state[0])
                    .widths(16, 32).blocksPerLevel(1).latentChannels(4).periodic(Periodicity.both()).build();
            Autoencoder ae = Autoencoder.build(config, BuildOptions.seed(0));
            TrainerConfig training = TrainerConfig.builder().steps(20).learningRate(3e-3).warmupSteps(2).build();
            new Trainer<>(training, ae, new StateBatches(data, "train", 4, 0), work.resolve("ae-run")).run();
            Normalization norm = new Normalization(data.channels(), data.normalizer().shifts(), data.normalizer().scales());
            ae.save(modelFile, ModelCard.Extras.of(norm, state));
            System.out.println("compression " + ae.compressionRate(state) + "x, latent " + java.util.Arrays.toString(ae.latentShape(state)));
        }
        // end snippet
        assertEquals(4, Autoencoder.load(modelFile).spec().latentChannels());
    }

    @Test
    @Order(3)
    void diffusion() throws IOException {
        Path dataDir = data();
        Autoencoder ae = Autoencoder.load(work.resolve("my-autoencoder.zip"));
        // snippet: diffusion
        try (PipelineData data = PipelineData.open(dataDir, NormalizationMode.ZSCORE)) {
            PipelineData.Trajectories train = data.trajectories("train", 0);     // [N, T, C, H, W], normalised
            INDArray latents = ae.encode(train.states().reshape(-1, 5, 16, 16)).reshape(train.count(), train.steps(), 4, 8, 8);
            WindowShape window = new WindowShape(5, 4, 8, 8);                    // L = 5 latent states
            VitConfig vit = VitConfig.builder().width(32).depth(2).heads(2).noiseFeatures(16).build();
            DiffusionModel denoiser = DiffusionModel.build(window, data.parameterCount(), vit, DenoisingTask.study(),
                    BuildOptions.seed(1));
            WindowSource windows = WindowSource.inMemory(latents, train.parameters(), 5, 1, 8, 0);   // 1 known state
            new Trainer<>(TrainerConfig.builder().steps(10).learningRate(1e-3).build(), denoiser, windows,
                    work.resolve("diffusion-run")).run();

            // emulate 8 states after the first state of two test trajectories, 3 ensemble members each
            PipelineData.Trajectories test = data.trajectories("test", 2);
            INDArray initial = test.states().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)).dup();
            Rollout rollout = new Rollout(new DiffusionEmulator(denoiser, DiffusionSampler.study(), 5, 1), ae);
            INDArray states = rollout.emulate(initial, test.parameters(), 8, 3, 42);   // [2, 3, 8, C, H, W]

            // score it against the truth, per channel and lead time, on physical values
            MetricTable table = new MetricTable(FieldMetrics.NAMES, data.channels(), 8);
            new RolloutEvaluator(rollout, data.channels(), data::denormalize)
                    .evaluate(test.states().get(NDArrayIndex.all(), NDArrayIndex.interval(0, 9)).dup(), test.parameters(),
                            3, 42, table);
            System.out.println("VRMSE of density at lead 1: " + table.mean("vrmse", data.channels().indexOf("density"), 1));
        }
        // end snippet
    }

    @Test
    @Order(4)
    void pipeline() throws IOException {
        Path dataDir = data();
        Path runs = work.resolve("runs");
        // snippet: pipeline
        AutoencoderRunConfig aeConfig = new AutoencoderRunConfig(dataDir.toString(), NormalizationMode.ZSCORE,
                new AutoencoderNetwork(List.of(8, 16), 1, 4, 0.0, true), ReconstructionLoss.VRMSE,
                AutoencoderRunConfig.defaults().training().withSteps(20), 0);
        AutoencoderRun ae = AutoencoderRun.train(runs.resolve("ae"), aeConfig, false);
        ae.encode(false);

        EmulatorRunConfig defaults = EmulatorRunConfig.defaults(EmulatorKind.DIFFUSION, EmulationSpace.LATENT);
        EmulatorRunConfig config = ConfigFiles.merge(defaults, ConfigFiles.yaml().readTree(
                "{backbone: {width: 32, depth: 1, heads: 2}, training: {steps: 10, warmupSteps: 1}, rollout: {ensemble: 2, samplerSteps: 4}}"),
                EmulatorRunConfig.class, "inline").withInputs(dataDir.toString(), ae.directory().path().toString());
        EmulatorRun diffusion = EmulatorRun.train(runs.resolve("diffusion"), config, false);
        RolloutStage.run(diffusion, config.rollout(), false);
        EvaluationStage.run(diffusion, false);
        Report.of(List.of(runs.resolve("diffusion"))).write(runs.resolve("report"), "density");
        // end snippet
        assertTrue(Files.exists(runs.resolve("report/report.html")));
    }

    @Test
    @Order(5)
    void docsShowTheSameCode() throws IOException {
        Map<String, String> inDocs = blocks(Files.readString(repo().resolve("docs/api.md")),
                Pattern.compile("<!-- snippet: ([a-z-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL));
        Map<String, String> inTest = blocks(Files.readString(repo().resolve(
                        "emulator-examples/src/test/java/io/latentemu/examples/docs/ApiSnippetsTest.java"), StandardCharsets.UTF_8),
                Pattern.compile("// snippet: ([a-z-]+)\\n(.*?)\\s*// end snippet", Pattern.DOTALL));
        assertEquals(inTest.keySet(), inDocs.keySet(), "the same snippets in docs/api.md and here");
        for (String name : inTest.keySet()) {
            assertEquals(normalise(inTest.get(name)), normalise(inDocs.get(name)), "snippet " + name);
        }
    }

    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs"))) {
            p = p.getParent();
        }
        return p;
    }

    static Map<String, String> blocks(String text, Pattern pattern) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** Indentation removed line by line, blank lines dropped. */
    static String normalise(String code) {
        List<String> lines = new ArrayList<>();
        for (String line : code.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return String.join("\n", lines);
    }
}
