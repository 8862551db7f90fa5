package io.latentemu.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TrainerTest {

    private static final TrainerConfig CONFIG = TrainerConfig.builder().steps(30).learningRate(0.05).warmupSteps(5)
            .finalLearningRate(0.005).weightDecay(0.1).gradientClipNorm(1.0).emaDecay(0.9).checkpointEvery(10)
            .keepCheckpoints(2).logEvery(10).seed(7).build();

    /** Thrown by a listener to simulate a crash. */
    static final class Crash extends RuntimeException {
    }

    private static List<Double> losses(Trainer<?> trainer) {
        List<Double> out = new ArrayList<>();
        trainer.addListener(r -> out.add(r.loss()));
        return out;
    }

    @Test
    void theTestModelsGradientsAreTheFiniteDifferencesOfItsLoss() {
        LinearRegression model = new LinearRegression(1, 0, DataType.DOUBLE);
        LinearRegression.Batch batch = LinearRegression.data(3, 8).batch(0);
        LossAndGradients lg = model.lossAndGradients(batch, 0);
        double h = 1e-6;
        for (Map.Entry<String, INDArray> e : model.parameters().entrySet()) {
            INDArray p = e.getValue();
            for (int i = 0; i < p.length(); i++) {
                double v = p.getDouble(i);
                p.putScalar(i, v + h);
                double up = model.lossAndGradients(batch, 0).loss();
                p.putScalar(i, v - h);
                double down = model.lossAndGradients(batch, 0).loss();
                p.putScalar(i, v);
                assertEquals((up - down) / (2 * h), lg.gradients().get(e.getKey()).getDouble(i), 1e-6, e.getKey() + "[" + i + "]");
            }
        }
    }

    @Test
    void adamWStepMatchesAHandComputation() {
        // p = 1, g = 0.5, lr = 0.1, wd = 0.01: decay to 0.999; m = 0.05, v = 0.00025; m^ = 0.5, v^ = 0.25;
        // p = 0.999 - 0.1 * 0.5 / (0.5 + 1e-8). A parameter without decay skips the first factor.
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.01);
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("w", Nd4j.createFromArray(1.0));
        p.put("b", Nd4j.createFromArray(1.0));
        adam.initialise(p);
        adam.update(p, Map.of("w", Nd4j.createFromArray(0.5), "b", Nd4j.createFromArray(0.5)), 0.1, "w"::equals);
        assertEquals(0.999 - 0.1 * 0.5 / (0.5 + 1e-8), p.get("w").getDouble(0), 1e-15);
        assertEquals(1 - 0.1 * 0.5 / (0.5 + 1e-8), p.get("b").getDouble(0), 1e-15);
        // second step with g = -1: m = 0.9*0.05 - 0.1 = -0.055, v = 0.999*0.00025 + 0.001 = 0.00124975
        adam.update(p, Map.of("w", Nd4j.createFromArray(-1.0), "b", Nd4j.createFromArray(-1.0)), 0.1, "w"::equals);
        double mHat = -0.055 / (1 - 0.81);
        double vHat = 0.00124975 / (1 - 0.998001);
        double b1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8);
        assertEquals(b1 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), p.get("b").getDouble(0), 1e-12);
    }

    @Test
    void adamWFollowsPyTorchsFormulaWithALargeEpsilonAndAZeroLearningRate() {
        // epsilon 0.1 makes where it enters visible: PyTorch divides by sqrt(v / c2) + eps
        double b1 = 0.9, b2 = 0.99, eps = 0.1, wd = 0.05;
        double[] lrs = {0.0, 0.2, 0.1, 0.05};
        double[][] gs = {{0.5, -2, 0.01, 3, 0}, {-1, 0.3, 0.02, 2, 1}, {0.7, 0.7, -0.5, -3, 0}, {0.1, -0.2, 0.3, 1, 2}};
        double[] p = {1, -0.5, 0.25, 2, 0};
        double[] m = new double[5];
        double[] v = new double[5];
        AdamW adam = new AdamW(b1, b2, eps, wd);
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("w", Nd4j.createFromArray(p.clone()));
        adam.initialise(params);
        for (int t = 1; t <= lrs.length; t++) {
            double lr = lrs[t - 1];
            adam.update(params, Map.of("w", Nd4j.createFromArray(gs[t - 1])), lr, n -> true);
            double c1 = 1 - Math.pow(b1, t);
            double c2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < 5; i++) {
                double g = gs[t - 1][i];
                p[i] *= 1 - lr * wd;
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                p[i] -= lr / c1 * m[i] / (Math.sqrt(v[i] / c2) + eps);
                assertEquals(p[i], params.get("w").getDouble(i), 1e-13, "step " + t + ", element " + i);
                assertEquals(m[i], adam.firstMoments().get("w").getDouble(i), 1e-15);
                assertEquals(v[i], adam.secondMoments().get("w").getDouble(i), 1e-15);
            }
        }
    }

    @Test
    void learningRateWarmsUpLinearlyThenDecaysAlongACosine() {
        WarmupCosineDecay s = new WarmupCosineDecay(1.0, 4, 14, 0.1);
        assertEquals(0.25, s.rate(0), 1e-15);
        assertEquals(1.0, s.rate(3), 1e-15);
        assertEquals(1.0, s.rate(4), 1e-15);
        // step 4 + k of 10 decay steps: 0.1 + 0.9 * (1 + cos(pi k / 10)) / 2
        assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * 3 / 10)), s.rate(7), 1e-15);
        assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * 9 / 10)), s.rate(13), 1e-15);
        assertEquals(0.1, s.rate(14), 1e-15);
    }

    @Test
    void trainingFitsTheRegressionAndSparesTheBiasFromDecay(@TempDir Path dir) throws IOException {
        LinearRegression model = new LinearRegression(1, 0, DataType.FLOAT);
        TrainerConfig config = CONFIG.toBuilder().steps(400).warmupSteps(20).weightDecay(1e-4).emaDecay(0)
                .checkpointEvery(0).logEvery(100).build();
        TrainingResult r = new Trainer<>(config, model, LinearRegression.data(3, 32), dir).run();
        assertEquals(400, r.steps());
        assertTrue(r.lastLoss() < 0.01, "final loss " + r.lastLoss());
        double[] w = model.parameters().get("layer/W").castTo(DataType.DOUBLE).data().asDouble();
        assertArrayEquals(LinearRegression.trueWeights(), w, 0.05);
        assertTrue(model.decays("layer/W"));
        assertFalse(model.decays("layer/b"));
    }

    @Test
    void weightDecayShrinksWeightsOnlyAndIsDecoupledFromTheGradient(@TempDir Path dir) throws IOException {
        // zero gradients: Adam's step is 0, so W shrinks by (1 - lr wd) per step and b stays
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("W", Nd4j.ones(DataType.DOUBLE, 2, 2));
        p.put("b", Nd4j.ones(DataType.DOUBLE, 2));
        TrainableModel<Long> still = new TrainableModel<>() {
            @Override
            public Map<String, INDArray> parameters() {
                return p;
            }

            @Override
            public LossAndGradients lossAndGradients(Long batch, long seed) {
                return new LossAndGradients(1.0, Map.of("W", Nd4j.zeros(DataType.DOUBLE, 2, 2), "b", Nd4j.zeros(DataType.DOUBLE, 2)));
            }
        };
        TrainerConfig config = TrainerConfig.builder().steps(3).learningRate(0.1).weightDecay(0.5).build();
        new Trainer<>(config, still, steps(), dir).run();
        double expected = 1;
        for (int s = 0; s < 3; s++) {
            expected *= 1 - config.schedule().rate(s) * 0.5;
        }
        assertEquals(expected, p.get("W").getDouble(0, 0), 1e-15);
        assertEquals(1.0, p.get("b").getDouble(0), 0);
    }

    @Test
    void clippingScalesTheGlobalNormAndNonFiniteStepsAreSkippedAndCounted(@TempDir Path dir) throws IOException {
        // one scalar parameter, gradients 10, NaN, 0.5 with clipping at 1: steps see 10/(10+1e-6), skip, 0.5
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("p", Nd4j.createFromArray(0.0));
        double[] grads = {10, Double.NaN, 0.5};
        TrainableModel<Long> m = new TrainableModel<>() {
            @Override
            public Map<String, INDArray> parameters() {
                return p;
            }

            @Override
            public LossAndGradients lossAndGradients(Long step, long seed) {
                return new LossAndGradients(1.0, Map.of("p", Nd4j.createFromArray(grads[step.intValue()])));
            }
        };
        TrainerConfig config = TrainerConfig.builder().steps(3).learningRate(0.1).gradientClipNorm(1.0).build();
        List<StepRecord> records = new ArrayList<>();
        TrainingResult r = new Trainer<>(config, m, steps(), dir).addListener(records::add).run();
        assertEquals(1, r.skippedSteps());
        assertTrue(records.get(1).skipped());
        assertEquals(10.0, records.get(0).gradientNorm(), 0);
        // by hand: Adam with g1 = 10/(10+1e-6) (t=1), then g2 = 0.5 (t=2)
        double g1 = 10 / (10 + 1e-6);
        double m1 = 0.1 * g1;
        double v1 = 0.001 * g1 * g1;
        double p1 = -config.schedule().rate(0) * (m1 / 0.1) / (Math.sqrt(v1 / 0.001) + 1e-8);
        double m2 = 0.9 * m1 + 0.1 * 0.5;
        double v2 = 0.999 * v1 + 0.001 * 0.25;
        double p2 = p1 - config.schedule().rate(2) * (m2 / 0.19) / (Math.sqrt(v2 / (1 - 0.999 * 0.999)) + 1e-8);
        assertEquals(p2, p.get("p").getDouble(0), 1e-14);
        long skippedLines = Files.readAllLines(dir.resolve(Trainer.LOG_FILE)).stream()
                .filter(l -> l.contains("\"skipped\":true")).count();
        assertEquals(1, skippedLines);
    }

    @Test
    void aResumedRunContinuesExactlyAsTheUninterruptedOne(@TempDir Path dir) throws IOException {
        Path full = dir.resolve("full");
        LinearRegression a = new LinearRegression(1, 0.1, DataType.FLOAT);
        Trainer<LinearRegression.Batch> uninterrupted = new Trainer<>(CONFIG, a, LinearRegression.data(3, 16), full);
        List<Double> expected = losses(uninterrupted);
        uninterrupted.run();

        Path crashed = dir.resolve("crashed");
        Trainer<LinearRegression.Batch> first = new Trainer<>(CONFIG, new LinearRegression(1, 0.1, DataType.FLOAT),
                LinearRegression.data(3, 16), crashed);
        first.addListener(r -> {
            if (r.step() == 14) {
                throw new Crash();
            }
        });
        assertThrows(Crash.class, first::run);
        assertEquals(10, CheckpointStore.stepOf(first.checkpoints().latest().orElseThrow()));

        // a new process: fresh model (other initial weights), same run directory
        LinearRegression b = new LinearRegression(5, 0.1, DataType.FLOAT);
        Trainer<LinearRegression.Batch> resumed = new Trainer<>(CONFIG, b, LinearRegression.data(3, 16), crashed);
        List<Double> after = losses(resumed);
        TrainingResult r = resumed.run();
        assertEquals(10, r.resumedFrom());
        assertEquals(expected.subList(10, 30), after, "losses after the resume, bit for bit");
        assertEquals(a.parameters().get("layer/W"), b.parameters().get("layer/W"));
        assertEquals(uninterrupted.emaParameters().orElseThrow().get("layer/W"),
                resumed.emaParameters().orElseThrow().get("layer/W"));

        // the log describes the run that produced the weights: steps 0..29 once each
        List<JsonNode> lines = readLog(crashed.resolve(Trainer.LOG_FILE));
        List<Long> steps = lines.stream().filter(n -> n.has("step")).map(n -> n.get("step").asLong()).toList();
        assertEquals(java.util.stream.LongStream.range(0, 30).boxed().toList(), steps);
        assertTrue(lines.stream().anyMatch(n -> "resume".equals(n.path("event").asText())));
    }

    @Test
    void aCrashDuringACheckpointLeavesThePreviousOneIntact(@TempDir Path dir) throws IOException {
        LinearRegression a = new LinearRegression(1, 0.1, DataType.FLOAT);
        Trainer<LinearRegression.Batch> uninterrupted = new Trainer<>(CONFIG, a, LinearRegression.data(3, 16), dir.resolve("full"));
        uninterrupted.run();

        Path run = dir.resolve("run");
        Trainer<LinearRegression.Batch> crashing = new Trainer<>(CONFIG, new LinearRegression(1, 0.1, DataType.FLOAT),
                LinearRegression.data(3, 16), run);
        crashing.checkpoints().setSaveHook(file -> {
            if (file.equals("adam-m.bin") && crashing.step() == 20) {
                throw new IOException("simulated crash while writing the checkpoint of step 20");
            }
        });
        IOException e = assertThrows(IOException.class, crashing::run);
        assertTrue(e.getMessage().contains("simulated crash"));
        Path checkpoints = run.resolve(Trainer.CHECKPOINTS);
        try (Stream<Path> s = Files.list(checkpoints)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.get(0).startsWith(".tmp-step-000000020"), names.toString());
            assertEquals("step-000000010", names.get(1));
        }
        CheckpointState ten = crashing.checkpoints().load(checkpoints.resolve("step-000000010"));
        assertEquals(10, ten.step());

        LinearRegression b = new LinearRegression(9, 0.1, DataType.FLOAT);
        TrainingResult r = new Trainer<>(CONFIG, b, LinearRegression.data(3, 16), run).run();
        assertEquals(10, r.resumedFrom());
        assertEquals(a.parameters().get("layer/W"), b.parameters().get("layer/W"));
        try (Stream<Path> s = Files.list(checkpoints)) {
            assertEquals(List.of("step-000000020", "step-000000030"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "leftovers removed, two kept");
        }
    }

    @Test
    void checkpointsKeepArraysBitExactAndSettingsRoundTrip(@TempDir Path dir) throws IOException {
        CheckpointStore store = new CheckpointStore(dir);
        Map<String, INDArray> p = new LinkedHashMap<>();
        p.put("a/w:0", Nd4j.rand(DataType.FLOAT, 3, 4).subi(0.5).muli(1e-30f));
        p.put("b", Nd4j.createFromArray(Math.PI, Double.MIN_VALUE, -0.0));
        Path saved = store.save(new CheckpointState(3, 1, 2, CONFIG, p, p, p, null), 1);
        CheckpointState back = store.load(saved);
        assertEquals(p.get("a/w:0"), back.parameters().get("a/w:0"));
        assertEquals(DataType.FLOAT, back.parameters().get("a/w:0").dataType());
        assertArrayEquals(p.get("b").data().asDouble(), back.parameters().get("b").data().asDouble(), 0);
        assertEquals(CONFIG, back.config());
        assertEquals(CONFIG, new ObjectMapper().readValue(new ObjectMapper().writeValueAsString(CONFIG), TrainerConfig.class));
        assertEquals(TrainerConfig.builder().steps(5).build(),
                new ObjectMapper().readValue("{\"steps\": 5}", TrainerConfig.class), "missing settings take the defaults");
    }

    private static BatchSource<Long> steps() {
        return new BatchSource<>() {
            @Override
            public Long batch(long step) {
                return step;
            }

            @Override
            public int batchSize() {
                return 1;
            }
        };
    }

    private static List<JsonNode> readLog(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(mapper.readTree(line));
        }
        return out;
    }
}
