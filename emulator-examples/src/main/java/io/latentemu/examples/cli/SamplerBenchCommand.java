package io.latentemu.examples.cli;

import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.core.diffusion.Denoiser;
import io.latentemu.core.diffusion.DiffusionSampler;
import io.latentemu.core.diffusion.GaussianDenoiser;
import io.latentemu.core.diffusion.NoiseSchedule;
import io.latentemu.core.diffusion.NoiseSource;
import io.latentemu.examples.pipeline.AutoencoderNetwork;
import io.latentemu.examples.pipeline.EmulatorRunConfig;
import io.latentemu.examples.pipeline.QuickstartConfig;
import io.latentemu.examples.pipeline.Samplers;
import io.latentemu.examples.pipeline.Training;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.emulator.DiffusionModel;
import io.latentemu.models.graph.BuildOptions;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./emulator bench samplers}: the cost of the samplers themselves next to the network they call.
 * It builds the quickstart's latent diffusion model (its ViT, untrained: the cost of a call does not depend on
 * the weights) and times one denoiser call on the rows the quickstart samples together. Each sampler then draws
 * a window with the analytic Gaussian denoiser, and again with a denoiser that costs nothing (it returns its
 * input), whose time per step is the sampler's own overhead. Last, the quickstart's rollout sampler draws windows with the
 * real network, giving the cost of one emulated frame against the cost of its denoiser calls, timed inside the
 * window (the calls' spread from one to the next on a shared machine is larger than the sampler's own cost).
 */
@Command(name = "samplers", mixinStandardHelpOptions = true,
        description = {"Time per sampling step of every sampler, against the cost of one call of the quickstart's",
                "latent diffusion network, so the samplers' overhead is visible; and the cost of one emulated frame."})
public final class SamplerBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch", paramLabel = "ROWS",
            description = "rows sampled together (default: the quickstart's, its test trajectories x its ensemble members)")
    Integer rows;

    @Option(names = "--frames", defaultValue = "5", description = "window length L (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--context", defaultValue = "1", description = "known frames per window (default: ${DEFAULT-VALUE})")
    int context;

    @Option(names = "--channels", description = "latent channels (default: the quickstart's latents, 8)")
    Integer channels;

    @Option(names = "--size", description = "latent height and width (default: the quickstart's latents, 16)")
    Integer size;

    @Option(names = "--parameters", defaultValue = "1",
            description = "simulation parameters per sample (Euler: gamma) (default: ${DEFAULT-VALUE})")
    int parameterCount;

    @Option(names = "--steps", defaultValue = "16", description = "sampling steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--repeats", defaultValue = "3", description = "timed runs, the fastest kept (default: ${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        QuickstartConfig defaults = QuickstartConfig.defaults();
        AutoencoderNetwork autoencoder = defaults.autoencoder().network();
        int latentChannels = channels != null ? channels : autoencoder.latentChannels();
        int latentSize = size != null ? size : defaults.dataset().resolution() / autoencoder.downsampling();
        int batch = rows != null ? rows : defaults.dataset().test() * defaults.diffusion().rollout().ensemble();
        long[] state = {latentChannels, latentSize, latentSize};
        long[] shape = {batch, frames, latentChannels, latentSize, latentSize};
        long values = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        out.printf("latent window %s (%,d values, float32), %d known frame(s); %d cores; timings vary with other load "
                + "on the machine%n", Arrays.toString(shape), values, context, Runtime.getRuntime().availableProcessors());

        EmulatorRunConfig quickstart = defaults.diffusion();
        DiffusionModel network = DiffusionModel.build(WindowShape.of(frames, state), parameterCount,
                quickstart.backbone(), DenoisingTask.study(), BuildOptions.seed(0));
        INDArray window = Nd4j.rand(DataType.FLOAT, shape);
        INDArray parameters = parameterCount == 0 ? null : Nd4j.rand(DataType.FLOAT, batch, parameterCount);
        Conditioning known = Conditioning.knownFrames(window, context, parameters);
        INDArray sigma = Nd4j.valueArrayOf(new long[] {batch}, 3.0f, DataType.FLOAT);
        // as many calls as the timed windows make: the first calls of a graph are slower (memory, JIT)
        double[] callMs = timings(repeats * steps, () -> network.denoise(window, sigma, known));
        double networkMs = callMs[0];
        out.printf("network call: the quickstart's latent diffusion ViT (%s), %,d parameters: %.1f ms (fastest of %d; median %.1f ms)%n",
                quickstart.backbone(), Training.parameterCount(network), networkMs, callMs.length, median(callMs));

        INDArray mean = Nd4j.zeros(DataType.FLOAT, frames, latentChannels, latentSize, latentSize);
        INDArray variance = Nd4j.ones(DataType.FLOAT, frames, latentChannels, latentSize, latentSize);
        Denoiser gaussian = new GaussianDenoiser(mean, variance);
        double analyticMs = bestOf(repeats * 20, () -> gaussian.denoise(window, sigma, known));
        out.printf("analytic denoiser call: %.3f ms%n%n", analyticMs);

        Denoiser free = (xt, s, c) -> xt;
        out.printf("%-22s %5s %5s %22s %20s %14s%n", "sampler", "steps", "calls", "ms/step (analytic)",
                "overhead ms/step", "% of network");
        NoiseSchedule schedule = network.task().schedule();
        // the first windows of a process are slower (fresh native memory until the collector frees some): without
        // this the samplers timed first paid for it
        for (int pass = 0; pass < WARM_UP_PASSES; pass++) {
            for (String name : Samplers.names()) {
                Samplers.create(name, steps, schedule).sample(free, shape, known, NoiseSource.derived(1, batch));
            }
        }
        for (String name : Samplers.names()) {
            DiffusionSampler sampler = Samplers.create(name, steps, schedule);
            NoiseSource noise = NoiseSource.derived(1, batch);
            double analytic = bestOf(repeats, () -> sampler.sample(gaussian, shape, known, noise)) / steps;
            double overhead = bestOf(repeats, () -> sampler.sample(free, shape, known, noise)) / steps;
            out.printf("%-22s %5d %5d %22.3f %20.3f %13.2f%%%n", name, steps, sampler.evaluations(), analytic,
                    overhead, 100 * overhead / networkMs);
            out.flush();
        }
        out.println();
        out.println("overhead = time per step with a denoiser that costs nothing: noise, context injection and");
        out.println("clamping, and the update arithmetic. Target: under 5% of a network call.");
        out.println();

        // the window is set against the calls it made itself: single calls timed apart spread by up to 2x on a shared
        // machine (82-300 ms for the same call), more than the sampler's own cost
        String rolloutSampler = quickstart.rollout().sampler();
        DiffusionSampler rollout = Samplers.create(rolloutSampler, steps, schedule);
        TimedDenoiser timed = new TimedDenoiser(network);
        int windows = Math.max(3, repeats);
        double[][] runs = new double[windows][];
        for (int r = 0; r < windows; r++) {
            timed.reset();
            long t0 = System.nanoTime();
            rollout.sample(timed, shape, known, NoiseSource.derived(2, batch));
            runs[r] = new double[] {(System.nanoTime() - t0) / 1e6, timed.milliseconds()};
        }
        Arrays.sort(runs, Comparator.comparingDouble((double[] run) -> run[0] / run[1]));
        double[] typical = runs[windows / 2];
        double windowMs = typical[0];
        double callsMs = typical[1];
        double fastestWindow = Arrays.stream(runs).mapToDouble(run -> run[0]).min().orElseThrow();
        long framesPerWindow = (long) batch * (frames - context);
        out.printf("one window with the network (the quickstart's sampler, %s, %d steps), median of %d windows: %.1f ms, "
                + "of which its %d network calls %.1f ms (ratio %.3f; target <= 1.1)%n", rolloutSampler, steps, windows,
                windowMs, timed.calls(), callsMs, windowMs / callsMs);
        out.printf("fastest window %.1f ms against %d x the fastest single call (%.1f ms): ratio %.3f%n", fastestWindow,
                rollout.evaluations(), networkMs, fastestWindow / (rollout.evaluations() * networkMs));
        out.printf("per emulated latent frame (%d rows x %d new frames): %.2f ms%n", batch, frames - context,
                windowMs / framesPerWindow);
        out.printf("samplers window_ms=%.2f calls_ms=%.2f ratio=%.4f frame_ms=%.3f%n", windowMs, callsMs,
                windowMs / callsMs, windowMs / framesPerWindow);
        out.flush();
        return 0;
    }

    private static final int WARM_UP_PASSES = 5;

    /** Milliseconds of each of {@code n} runs after one warm-up run, sorted. */
    private static double[] timings(int n, Runnable task) {
        task.run();
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /** Milliseconds of the fastest of {@code n} runs, after one warm-up run. */
    private static double bestOf(int n, Runnable task) {
        return timings(n, task)[0];
    }
}
