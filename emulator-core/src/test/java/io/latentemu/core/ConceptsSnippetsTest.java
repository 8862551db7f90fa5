package io.latentemu.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.core.diffusion.DdimStep;
import io.latentemu.core.diffusion.Denoiser;
import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.core.diffusion.DiffusionSampler;
import io.latentemu.core.diffusion.EdmSchedule;
import io.latentemu.core.diffusion.GaussianDenoiser;
import io.latentemu.core.diffusion.HeunStep;
import io.latentemu.core.diffusion.LogLogitSchedule;
import io.latentemu.core.diffusion.NoiseSource;
import io.latentemu.core.diffusion.NoisyBatch;
import io.latentemu.core.diffusion.Preconditioning;
import io.latentemu.core.metrics.FieldMetrics;
import io.latentemu.core.metrics.LeadBin;
import io.latentemu.core.metrics.MetricTable;
import io.latentemu.core.rollout.DiffusionEmulator;
import io.latentemu.core.rollout.Emulator;
import io.latentemu.core.rollout.LatentCodec;
import io.latentemu.core.rollout.PersistenceEmulator;
import io.latentemu.core.rollout.Rollout;
import io.latentemu.core.rollout.RolloutEvaluator;
import io.latentemu.core.train.BatchSource;
import io.latentemu.core.train.LossAndGradients;
import io.latentemu.core.train.TrainableModel;
import io.latentemu.core.train.Trainer;
import io.latentemu.core.train.TrainerConfig;
import io.latentemu.core.train.TrainingResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Runs the code blocks of docs/concepts.md. Each block is copied between {@code // snippet: NAME} and
 * {@code // end snippet} below; {@link #docsShowTheSameCode()} checks the copies are identical.
 */
@SuppressWarnings("unused")
class ConceptsSnippetsTest {

    /** The denoiser the objective snippet trains (the preconditioned one, with F = 0). */
    final Denoiser network = (xt, sigma, c) -> Broadcast.scaleRows(xt,
            Preconditioning.STANDARD.coefficients(sigma).cSkip());
    /** The Gaussian prior the rollout snippet samples from. */
    final Denoiser prior = new GaussianDenoiser(Nd4j.zeros(DataType.FLOAT, 5, 4, 8, 8), Nd4j.ones(DataType.FLOAT, 5, 4, 8, 8));
    final long seed = 3;
    @TempDir
    Path out;
    @TempDir
    Path runDirectory;

    /** Stands for a network: returns 0. */
    static INDArray backbone(INDArray input, INDArray noise, Conditioning c) {
        return input.mul(0);
    }

    @Test
    void preconditionedDenoiser() throws Exception {
        // snippet: preconditioned-denoiser
        Denoiser network = (xt, sigma, c) -> {
            Preconditioning.BatchCoefficients k = Preconditioning.STANDARD.coefficients(sigma); // each [B]
            INDArray input = Broadcast.scaleRows(xt, k.cIn());       // c_in x_t; c.mask() enters as channels
            INDArray f = backbone(input, k.cNoise(), c);              // F(c_in x_t, c_noise, mask, parameters)
            return Broadcast.scaleRows(xt, k.cSkip()).addi(Broadcast.scaleRows(f, k.cOut()));
        };
        // end snippet
        INDArray xt = Nd4j.rand(DataType.FLOAT, 3, 2, 4, 4);
        INDArray sigma = Nd4j.createFromArray(0.5f, 1f, 2f);
        // with F = 0 the denoiser is c_skip x_t = x_t / (1 + sigma^2)
        INDArray d = network.denoise(xt, sigma, Conditioning.none());
        assertTrue(d.slice(2).equalsWithEps(xt.slice(2).div(5), 1e-6));
    }
    @Test
    void objective() throws Exception {
        // snippet: objective
        DenoisingTask task = DenoisingTask.study();                   // log-logit, t ~ U(0, 1), s_d = 1
        INDArray clean = Nd4j.rand(DataType.FLOAT, 8, 5, 4, 8, 8);    // [B, L, C, H, W]
        Conditioning c = Conditioning.knownFrames(clean, 1, null);    // the first frame is context
        NoisyBatch noisy = task.corrupt(clean, c, seed);              // xt, sigma [B], weight [B]
        INDArray mu = network.denoise(noisy.xt(), noisy.sigma(), c);
        double loss = DenoisingTask.loss(mu, clean, noisy.weight());
        // end snippet
        assertTrue(Double.isFinite(loss) && loss > 0);
        assertEquals(8, noisy.sigma().length());
    }
    @Test
    void sample() throws Exception {
        // snippet: sample
        Denoiser prior = new GaussianDenoiser(Nd4j.zeros(DataType.FLOAT, 5, 4, 8, 8), Nd4j.ones(DataType.FLOAT, 5, 4, 8, 8));
        INDArray window = Nd4j.rand(DataType.FLOAT, 2, 5, 4, 8, 8);               // [B, L, C, H, W]
        Conditioning context = Conditioning.knownFrames(window, 1, null);        // frame 0 is known
        DiffusionSampler study = DiffusionSampler.study();                       // AB3, 16 steps, log-logit
        INDArray sample = study.sample(prior, window.shape(), context, NoiseSource.forRows(11, 12));
        DiffusionSampler heun = new DiffusionSampler(EdmSchedule.standard(), 32, new HeunStep());
        DiffusionSampler ddpm = new DiffusionSampler(LogLogitSchedule.standard(), 256, DdimStep.ddpm());
        // end snippet
        assertEquals(window.get(NDArrayIndex.all(), NDArrayIndex.point(0)),
                sample.get(NDArrayIndex.all(), NDArrayIndex.point(0)));
        assertEquals(32, heun.steps());
        assertEquals(16, study.evaluations());
    }
    @Test
    void rollout() throws Exception {
        // snippet: rollout
        Emulator emulator = new DiffusionEmulator(prior, DiffusionSampler.study(), 5, 1);  // L = 5, c = 1
        Rollout rollout = new Rollout(emulator, LatentCodec.identity());                  // or an autoencoder
        INDArray first = Nd4j.rand(DataType.FLOAT, 2, 1, 4, 8, 8);                        // [B, c, C, H, W]
        INDArray latents = rollout.emulateLatent(first, null, 8, 3, 42);                  // [B, K=3, T=8, ...]
        INDArray lead3 = rollout.decodeLead(latents, 3);                                   // [B, K, C, H, W]
        // end snippet
        assertArrayEquals(new long[] {2, 3, 8, 4, 8, 8}, latents.shape());
        assertArrayEquals(new long[] {2, 3, 4, 8, 8}, lead3.shape());
    }
    @Test
    void evaluate() throws Exception {
        // snippet: evaluate
        List<String> channels = List.of("density", "energy", "momentum_x", "momentum_y");
        INDArray truth = Nd4j.rand(DataType.FLOAT, 2, 1 + 8, 4, 16, 16);         // [B, c + T, C, H, W], normalised
        Rollout persistence = new Rollout(new PersistenceEmulator(5, 1), LatentCodec.identity());
        RolloutEvaluator evaluator = new RolloutEvaluator(persistence, channels,
                RolloutEvaluator.affine(new double[] {1, 2, 0, 0}, new double[] {0.5, 1, 1, 1}));  // mean, std
        MetricTable table = new MetricTable(FieldMetrics.NAMES, channels, 8);
        evaluator.evaluate(truth, null, 1, 0, table);                             // K = 1 member, seed 0
        double vrmse = table.mean("vrmse", 0, 1);                                 // density, lead 1
        List<LeadBin> bins = LeadBin.study(8);                                    // 1-2, 3-5, 6-8
        table.writeJson(out.resolve("metrics.json"), bins);
        table.writeCsvByLead(out.resolve("metrics-by-lead.csv"));
        table.writeCsvByBin(out.resolve("metrics-by-bin.csv"), bins);
        // end snippet
        assertTrue(vrmse > 0);
        assertTrue(Files.exists(out.resolve("metrics.json")));
        assertEquals(List.of(new LeadBin(1, 2), new LeadBin(3, 5), new LeadBin(6, 8)), bins);
    }
    @Test
    void train() throws Exception {
        // snippet: train
        /** y = w x with the mean squared error; its gradient by hand. */
        class Scale implements TrainableModel<double[][]> {
            final Map<String, INDArray> params = Map.of("w", Nd4j.zeros(DataType.DOUBLE, 1));

            public Map<String, INDArray> parameters() {
                return params;
            }

            public LossAndGradients lossAndGradients(double[][] xy, long seed) {
                double w = params.get("w").getDouble(0);
                double loss = 0;
                double grad = 0;
                for (int i = 0; i < xy[0].length; i++) {
                    double r = w * xy[0][i] - xy[1][i];
                    loss += r * r / xy[0].length;
                    grad += 2 * r * xy[0][i] / xy[0].length;
                }
                return new LossAndGradients(loss, Map.of("w", Nd4j.createFromArray(grad)));
            }
        }
        BatchSource<double[][]> batches = new BatchSource<>() {
            public double[][] batch(long step) {                  // y = 3 x, x drawn from the step
                double[] x = new java.util.SplittableRandom(step).doubles(16).toArray();
                return new double[][] {x, java.util.Arrays.stream(x).map(v -> 3 * v).toArray()};
            }

            public int batchSize() {
                return 16;
            }
        };
        TrainerConfig config = TrainerConfig.builder().steps(300).learningRate(0.05).warmupSteps(10)
                .gradientClipNorm(1.0).emaDecay(0.9).checkpointEvery(100).logEvery(100).seed(7).build();
        Trainer<double[][]> trainer = new Trainer<>(config, new Scale(), batches, runDirectory);
        TrainingResult result = trainer.run();          // resumes if runDirectory holds an interrupted run
        Map<String, INDArray> averaged = trainer.emaParameters().orElseThrow();
        // end snippet
        assertEquals(300, result.steps());
        assertEquals(3.0, trainer.emaParameters().orElseThrow().get("w").getDouble(0), 0.05);
        assertTrue(Files.exists(runDirectory.resolve(Trainer.LOG_FILE)));
    }

    @Test
    void docsShowTheSameCode() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "concepts.md"), StandardCharsets.UTF_8);
        String source = Files.readString(Path.of("src", "test", "java", "io", "latentemu", "core",
                "ConceptsSnippetsTest.java"), StandardCharsets.UTF_8);
        Map<String, String> documented = blocks(docs, Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL));
        Map<String, String> tested = blocks(source, Pattern.compile("// snippet: ([\\w-]+)\\n(.*?)\\n\\s*// end snippet", Pattern.DOTALL));
        assertEquals(tested.keySet(), documented.keySet(), "the same snippets in docs/concepts.md and here");
        for (String name : documented.keySet()) {
            assertEquals(tested.get(name), documented.get(name), "snippet '" + name + "'");
        }
    }

    private static Map<String, String> blocks(String text, Pattern pattern) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.put(m.group(1), dedent(m.group(2)));
        }
        return found;
    }

    /** Removes the common indentation and trailing blank space. */
    private static String dedent(String block) {
        List<String> lines = block.stripTrailing().lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString();
    }
}
