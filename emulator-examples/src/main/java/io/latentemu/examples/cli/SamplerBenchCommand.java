package io.latentemu.examples.cli;

import io.latentemu.core.diffusion.AdamsBashforthStep;
import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.core.diffusion.DdimStep;
import io.latentemu.core.diffusion.Denoiser;
import io.latentemu.core.diffusion.DiffusionSampler;
import io.latentemu.core.diffusion.DpmSolver2MStep;
import io.latentemu.core.diffusion.GaussianDenoiser;
import io.latentemu.core.diffusion.HeunStep;
import io.latentemu.core.diffusion.LogLogitSchedule;
import io.latentemu.core.diffusion.NoiseSource;
import io.latentemu.core.diffusion.PredictorCorrectorStep;
import io.latentemu.core.diffusion.StepRule;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./emulator bench samplers}: the cost of the samplers themselves. Each sampler draws a latent
 * window with the analytic Gaussian denoiser, and again with a denoiser that costs nothing (it returns its
 * input), whose time per step is the sampler's own overhead; both are shown next to the cost of one
 * call of a transformer-sized network, stood in for by the matrix products of a ViT's linear layers.
 */
@Command(name = "samplers", mixinStandardHelpOptions = true,
        description = {"Time per sampling step of every sampler with the analytic denoiser, against the cost of one",
                "network call (matrix products of a ViT's linear layers), so the samplers' overhead is visible."})
public final class SamplerBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch", defaultValue = "16", description = "rows per sample, e.g. ensemble members (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--frames", defaultValue = "5", description = "window length L; the first frame is context (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--channels", defaultValue = "16", description = "latent channels (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--size", defaultValue = "8", description = "latent height and width (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--steps", defaultValue = "16", description = "sampling steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--width", defaultValue = "256", description = "width of the reference ViT (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--depth", defaultValue = "8", description = "blocks of the reference ViT (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--repeats", defaultValue = "3", description = "timed runs, the fastest kept (default: ${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long[] shape = {batch, frames, channels, size, size};
        long values = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        out.printf("latent window %s (%,d values, float32); %d cores; timings vary with other load on the machine%n",
                Arrays.toString(shape), values, Runtime.getRuntime().availableProcessors());

        long tokens = (long) batch * frames * size * size;
        double flops = 2.0 * tokens * 12.0 * width * width * depth;
        double networkMs = bestOf(repeats, vitLinearLayers(tokens));
        out.printf("reference network call: the linear layers of a ViT of width %d and depth %d on %,d tokens "
                        + "(%.1f GFLOP): %.1f ms%n", width, depth, tokens, flops / 1e9, networkMs);
        out.println("  (a stand-in: the quickstart ViT is not built here; attention scores and norms are not counted,"
                + " so a real call costs more)");

        INDArray mean = Nd4j.zeros(DataType.FLOAT, frames, channels, size, size);
        INDArray variance = Nd4j.ones(DataType.FLOAT, frames, channels, size, size);
        Denoiser gaussian = new GaussianDenoiser(mean, variance);
        INDArray window = Nd4j.rand(DataType.FLOAT, shape);
        Conditioning context = Conditioning.knownFrames(window, 1, null);
        INDArray sigma = Nd4j.valueArrayOf(new long[] {batch}, 3.0f, DataType.FLOAT);
        double denoiserMs = bestOf(repeats * 20, () -> gaussian.denoise(window, sigma, context));
        out.printf("analytic denoiser call: %.3f ms%n%n", denoiserMs);

        Denoiser free = (xt, s, c) -> xt;
        out.printf("%-22s %5s %5s %22s %20s %14s%n", "sampler", "steps", "calls", "ms/step (analytic)",
                "overhead ms/step", "% of network");
        for (Map.Entry<String, StepRule> e : rules().entrySet()) {
            DiffusionSampler sampler = new DiffusionSampler(LogLogitSchedule.standard(), steps, e.getValue());
            NoiseSource noise = NoiseSource.derived(1, batch);
            double analytic = bestOf(repeats, () -> sampler.sample(gaussian, shape, context, noise)) / steps;
            double overhead = bestOf(repeats, () -> sampler.sample(free, shape, context, noise)) / steps;
            out.printf("%-22s %5d %5d %22.3f %20.3f %13.2f%%%n", e.getKey(), steps, sampler.evaluations(), analytic,
                    overhead, 100 * overhead / networkMs);
            out.flush();
        }
        out.println();
        out.println("overhead = time per step with a denoiser that costs nothing: noise, context injection and");
        out.println("clamping, and the update arithmetic. Target: under 5% of a network call.");
        out.flush();
        return 0;
    }

    private static Map<String, StepRule> rules() {
        Map<String, StepRule> r = new LinkedHashMap<>();
        r.put("Adams-Bashforth 3", new AdamsBashforthStep(3));
        r.put("Euler", AdamsBashforthStep.euler());
        r.put("Heun", new HeunStep());
        r.put("DDIM (eta 0)", new DdimStep(0));
        r.put("DDPM", DdimStep.ddpm());
        r.put("DPM-Solver++(2M)", new DpmSolver2MStep());
        r.put("predictor-corrector", PredictorCorrectorStep.standard());
        return r;
    }

    /** The matrix products of a ViT's blocks: QKV, projection and the x4 MLP, on {@code tokens} rows. */
    private Runnable vitLinearLayers(long tokens) {
        INDArray x = Nd4j.rand(DataType.FLOAT, tokens, width);
        INDArray qkv = Nd4j.rand(DataType.FLOAT, width, 3L * width);
        INDArray proj = Nd4j.rand(DataType.FLOAT, width, width);
        INDArray up = Nd4j.rand(DataType.FLOAT, width, 4L * width);
        INDArray down = Nd4j.rand(DataType.FLOAT, 4L * width, width);
        return () -> {
            for (int b = 0; b < depth; b++) {
                x.mmul(qkv);
                x.mmul(proj);
                x.mmul(up).mmul(down);
            }
        };
    }

    /** Milliseconds of the fastest of {@code n} runs, after one warm-up run. */
    private static double bestOf(int n, Runnable task) {
        task.run();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            task.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }
}
