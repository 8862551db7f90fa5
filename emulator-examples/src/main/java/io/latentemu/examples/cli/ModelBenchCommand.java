package io.latentemu.examples.cli;

import io.latentemu.core.backend.BackendSelector;
import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.core.train.AdamW;
import io.latentemu.core.train.LossAndGradients;
import io.latentemu.core.train.TrainableModel;
import io.latentemu.models.autoencoder.Autoencoder;
import io.latentemu.models.autoencoder.AutoencoderConfig;
import io.latentemu.models.backbone.VitConfig;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.emulator.DiffusionModel;
import io.latentemu.models.emulator.WindowBatch;
import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.graph.FlopCounter;
import io.latentemu.models.graph.GraphModel;
import io.latentemu.models.graph.OpTimer;
import io.latentemu.models.nn.GraphOptions;
import io.latentemu.models.onednn.OneDnn;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./emulator bench models}: time, FLOP/s and parameter count of a training step and a forward pass of
 * the two networks that the PyTorch twins of {@code bench/torch_models.py} build (same architectures, same
 * parameter counts), with the machine's sgemm rate measured in the same run as the yardstick.
 *
 * <p>The autoencoder is the DC-AE of {@link AutoencoderConfig#builder()}'s defaults (5 channels, widths 32 to
 * 256, 2 blocks per level, 16 latent channels, no soft clip) on 64x64 states; its training step is the mean
 * squared reconstruction error. The ViT is {@link VitConfig#benchmark()} inside the EDM denoiser on windows of
 * 5 x 16 x 8 x 8 latents (320 tokens of 16 channels plus the mask); its training step is the weighted
 * denoising loss. A step is loss, gradients and an AdamW update; a forward pass is one inference call.
 * Timing: {@code --warmup} untimed steps (and as many untimed forward passes), then the mean of {@code --steps},
 * like the PyTorch script; the process's CPU seconds per step are printed too (less sensitive than wall time to
 * other load on the machine). The default warm-up reaches the steady state: a process's first steps carry one-time
 * costs (oneDNN generating kernels, the memory pools and glibc's heaps growing, and Java's C2 compiler, which on two
 * cores takes one from the computation in bursts of up to a second per step until about the twentieth step of the
 * benchmark autoencoder), so their times are printed separately.
 *
 * <p>With {@code --compare} each network is followed by its PyTorch twin ({@link TorchReference}, the project's
 * {@code bench/torch_models.py}) at the same batch, sizes, step counts and thread count, and the ratios
 * SameDiff/PyTorch are printed, also as one script-readable line per network.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Training step and forward pass of the benchmark autoencoder and ViT: time, FLOP/s, parameters,",
                "against the machine's sgemm rate measured in the same run."})
public final class ModelBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch", defaultValue = "16", description = "samples per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "8", description = "timed steps and forward passes (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "20", description = "untimed steps and forward passes first, printed "
            + "separately; a process's first steps carry one-time costs (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--network", defaultValue = "all", description = "autoencoder, vit or all (default: ${DEFAULT-VALUE})")
    String network;

    @Option(names = "--size", defaultValue = "64", description = "autoencoder input height and width (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--sgemm-size", defaultValue = "2048", description = "matrix size of the sgemm yardstick (default: ${DEFAULT-VALUE})")
    int sgemmSize;

    @Option(names = "--fused-norms", description = "use libnd4j's layer_norm op for the norms (an experiment; see docs/performance.md)")
    boolean fusedNorms;

    @Option(names = "--libnd4j-swish", description = "SiLU by libnd4j's swish op instead of the vectorised tanh "
            + "(slower; kept for the comparison in docs/performance.md)")
    boolean libnd4jSwish;

    @Option(names = "--broadcasting-ops", description = "broadcast with libnd4j's broadcasting ops instead of products by ones "
            + "(slower; kept for the comparison in docs/performance.md)")
    boolean broadcastingOps;

    @Option(names = "--channels-first", description = "hold the autoencoder's activations channels first, as its inputs "
            + "(slower; kept for the comparison in docs/performance.md)")
    boolean channelsFirst;

    @Option(names = "--copying-reshapes", description = "run reshapes as libnd4j's copying op instead of views "
            + "(slower; kept for the comparison in docs/performance.md)")
    boolean copyingReshapes;

    @Option(names = "--composed-kernels", description = "compose norms and SiLU from libnd4j ops instead of oneDNN's "
            + "row-norm and swish kernels (slower; kept for the comparison in docs/performance.md)")
    boolean composedKernels;

    @Option(names = "--torch-same-malloc",
            description = "run the PyTorch twin with the glibc allocator settings the launcher made for us (default: "
                    + "without them, with glibc's defaults, as PyTorch users run it)")
    boolean torchSameMalloc;

    @Option(names = "--forward-gradient-channels", paramLabel = "N",
            description = "convolutions with at least N input channels compute their gradients by forward convolutions, "
                    + "the others with libnd4j's conv2d_bp (0: all, a large number: none; default: ${DEFAULT-VALUE}; "
                    + "for the comparison in docs/performance.md)")
    int forwardGradientChannels = GraphOptions.defaults().forwardGradientChannels();

    @Option(names = "--compare", description = "also time the PyTorch twins of both networks (bench/torch_models.py) and print the ratios")
    boolean compare;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python interpreter with torch for --compare (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--profile", defaultValue = "0", paramLabel = "ROWS",
            description = "after timing, print the ROWS op types that took longest in one training step (0: none)")
    int profileRows;

    /** One network's figures. */
    record Result(String name, long parameters, double forwardFlops, double forwardSeconds, double trainSeconds,
                  double trainCpuSeconds, double forwardCpuSeconds) {
    }

    @Override
    public Integer call() {
        if (!List.of("all", "autoencoder", "vit").contains(network)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--network must be autoencoder, vit or all");
        }
        PrintWriter out = spec.commandLine().getOut();
        var backend = BackendSelector.current();
        out.printf("backend %s, OMP_NUM_THREADS=%s, %d cores; batch %d, %d warm-up + %d timed steps; "
                        + "other load on the machine makes timings noisy%n",
                backend == null ? "default" : backend.name(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                Runtime.getRuntime().availableProcessors(), batch, warmup, steps);
        double sgemm = sgemmFlops(sgemmSize);
        out.printf("sgemm (ND4J mmul, float32, n=%d): %.1f GFLOP/s%n", sgemmSize, sgemm / 1e9);
        out.flush();

        BuildOptions options = BuildOptions.seed(0).withGraph(GraphOptions.defaults().withFusedNorms(fusedNorms)
                .withTanhSilu(!libnd4jSwish).withMatmulBroadcasts(!broadcastingOps).withChannelsLast(!channelsFirst)
                .withForwardGradientChannels(forwardGradientChannels).withOneDnnKernels(!composedKernels));
        out.println(!composedKernels && OneDnn.available() ? "oneDNN's kernels for the norms and SiLU that no other flag "
                + "asks libnd4j for" : "norms and SiLU from libnd4j ops"
                + (composedKernels ? "" : " (oneDNN unavailable: " + OneDnn.unavailableReason() + ")"));
        Optional<TorchReference> torch = Optional.empty();
        if (compare) {
            StringBuilder reason = new StringBuilder();
            torch = TorchReference.find(python, reason);
            if (torch.isEmpty()) {
                out.println("PyTorch reference not available (" + reason + "); printing our figures only");
            } else {
                List<String> ours = TorchReference.launcherMallocSettings();
                out.println(ours.isEmpty() ? "allocator: both sides with this environment's glibc settings"
                        : torchSameMalloc ? "allocator: both sides with the launcher's glibc settings " + ours
                        : "allocator: ours with the launcher's glibc settings " + ours + ", the PyTorch twin with glibc's "
                        + "defaults (--torch-same-malloc gives it ours)");
            }
        }
        List<Result> results = new ArrayList<>();
        Map<String, TorchReference.Timing> reference = new LinkedHashMap<>();
        for (String name : List.of("autoencoder", "vit")) {
            if (!network.equals("all") && !network.equals(name)) {
                continue;
            }
            results.add(name.equals("vit") ? vit(options) : autoencoder(options));
            out.flush();
            if (torch.isPresent()) {
                out.printf("%s: PyTorch twin; measuring ...%n", name);
                out.flush();
                try {
                    reference.put(name, torch.get().time(name, threads(), batch, size, warmup, steps, torchSameMalloc));
                } catch (IOException e) {
                    out.println("PyTorch reference failed: " + e.getMessage());
                }
            }
        }
        out.println();
        out.printf("%-12s %12s %10s %10s %9s %7s %11s %9s %9s %7s %9s%n", "network", "parameters", "fwd GFLOP",
                "forward s", "GFLOP/s", "%sgemm", "train GFLOP", "train s", "GFLOP/s", "%sgemm", "train cpu");
        for (Result r : results) {
            double trainFlops = 3 * r.forwardFlops();
            out.printf("%-12s %,12d %10.2f %10.4f %9.1f %6.0f%% %11.2f %9.4f %9.1f %6.0f%% %9.2f%n", r.name(), r.parameters(),
                    r.forwardFlops() / 1e9, r.forwardSeconds(), r.forwardFlops() / r.forwardSeconds() / 1e9,
                    100 * r.forwardFlops() / r.forwardSeconds() / sgemm, trainFlops / 1e9, r.trainSeconds(),
                    trainFlops / r.trainSeconds() / 1e9, 100 * trainFlops / r.trainSeconds() / sgemm, r.trainCpuSeconds());
        }
        out.println("FLOPs: convolutions and matrix products of a forward pass as executed (2 per multiply-add);");
        out.println("a training step counts 3x the forward pass (forward + backward), the usual convention;");
        out.println("train cpu: CPU seconds of this process per training step (all threads).");
        if (!reference.isEmpty()) {
            out.println();
            out.printf("%-12s %12s %12s %12s %12s %12s %12s%n", "vs PyTorch", "torch params", "torch train",
                    "ours train", "ratio", "torch fwd", "ours fwd");
            for (Result r : results) {
                TorchReference.Timing t = reference.get(r.name());
                if (t != null) {
                    out.printf("%-12s %,12d %12.4f %12.4f %12.2f %12.4f %12.4f   ratio %.2f%n", r.name(), t.parameters(),
                            t.trainSeconds(), r.trainSeconds(), r.trainSeconds() / t.trainSeconds(), t.forwardSeconds(),
                            r.forwardSeconds(), r.forwardSeconds() / t.forwardSeconds());
                }
            }
            out.printf("ratios are SameDiff/PyTorch (below 1: we are faster); torch %s with %d threads%n",
                    reference.values().iterator().next().version(), threads());
        }
        out.println();
        for (Result r : results) {
            out.printf("%s train_step_s=%.4f forward_s=%.4f params=%d%n", r.name(), r.trainSeconds(), r.forwardSeconds(),
                    r.parameters());
        }
        for (Result r : results) {
            TorchReference.Timing t = reference.get(r.name());
            if (t != null) {
                out.printf("%s torch_train_step_s=%.4f torch_forward_s=%.4f torch_params=%d train_ratio=%.3f forward_ratio=%.3f%n",
                        r.name(), t.trainSeconds(), t.forwardSeconds(), t.parameters(), r.trainSeconds() / t.trainSeconds(),
                        r.forwardSeconds() / t.forwardSeconds());
            }
        }
        for (Result r : results) {
            TorchReference.Timing t = reference.get(r.name());
            if (t != null && !Double.isNaN(t.trainCpuSeconds())) {
                out.printf("%s train_cpu_s=%.4f torch_train_cpu_s=%.4f train_cpu_ratio=%.3f forward_cpu_s=%.4f "
                                + "torch_forward_cpu_s=%.4f forward_cpu_ratio=%.3f%n", r.name(), r.trainCpuSeconds(),
                        t.trainCpuSeconds(), r.trainCpuSeconds() / t.trainCpuSeconds(), r.forwardCpuSeconds(),
                        t.forwardCpuSeconds(), r.forwardCpuSeconds() / t.forwardCpuSeconds());
            }
        }
        out.flush();
        return 0;
    }

    /** The thread count of our native ops: OMP_NUM_THREADS when set, else the number of cores. */
    private static int threads() {
        String env = System.getenv("OMP_NUM_THREADS");
        try {
            return env == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(env.strip());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private Result autoencoder(BuildOptions options) {
        AutoencoderConfig config = AutoencoderConfig.builder().softClip(false).build();
        Autoencoder ae = Autoencoder.build(config, options);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, config.inputChannels(), size, size);
        return measure("autoencoder", ae, ae, x, () -> ae.reconstruct(x));
    }

    private Result vit(BuildOptions options) {
        WindowShape window = new WindowShape(5, 16, 8, 8);
        DiffusionModel model = DiffusionModel.build(window, 0, VitConfig.benchmark(), DenoisingTask.study(), options);
        INDArray windows = Nd4j.randn(DataType.FLOAT, window.batchShape(batch));
        WindowBatch data = WindowBatch.knownFrames(windows, 1, null);
        INDArray sigma = Nd4j.rand(DataType.FLOAT, batch).addi(0.1);
        return measure("vit", model, model, data, () -> model.denoise(windows, sigma, data.conditioning()));
    }

    private <B> Result measure(String name, GraphModel graphModel, TrainableModel<B> model, B data, Runnable forward) {
        PrintWriter out = spec.commandLine().getOut();
        graphModel.graph().setReshapeViews(!copyingReshapes);
        long params = graphModel.graph().parameterCount();
        out.printf("%s: %,d parameters; measuring ...%n", name, params);
        out.flush();
        double flops = FlopCounter.count(graphModel.graph(), forward);
        AdamW adam = new AdamW(0.9, 0.999, 1e-8, 0.0);
        adam.initialise(model.parameters());
        long[] seed = {0};
        Runnable step = () -> {
            LossAndGradients lg = model.lossAndGradients(data, seed[0]++);
            adam.update(model.parameters(), lg.gradients(), 1e-4, model::decays);
        };
        PerStep train = perStep(warmup, steps, step);
        out.printf(Locale.ROOT, "%s: warm-up training steps (s):%s%n", name, train.warmupText());
        PerStep fwd = perStep(warmup, steps, forward);
        out.printf(Locale.ROOT, "%s: warm-up forward passes (s):%s%n", name, fwd.warmupText());
        // C2 compiles in bursts on one of the cores well past the warm-up; say when it fell in the timed runs
        out.printf(Locale.ROOT, "%s: Java's compiler worked %d ms during the timed training steps and %d ms during "
                + "the timed forward passes%n", name, train.compileMillis(), fwd.compileMillis());
        if (profileRows > 0) {
            out.printf("%s: time inside each op type during one training step (the rest is SameDiff's own work)%n", name);
            out.print(OpTimer.profile(graphModel.graph(), step).table(profileRows));
        }
        return new Result(name, params, flops, fwd.wall(), train.wall(), train.cpu(), fwd.cpu());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * Wall and process CPU seconds per timed run of a task, the wall seconds of each warm-up run, and the
     * milliseconds Java's JIT compilers worked during the timed runs.
     */
    private record PerStep(double wall, double cpu, double[] warmups, long compileMillis) {

        String warmupText() {
            StringBuilder sb = new StringBuilder();
            for (double w : warmups) {
                sb.append(String.format(Locale.ROOT, " %.2f", w));
            }
            return sb.length() == 0 ? " none" : sb.toString();
        }
    }

    /** Runs {@code task} {@code warm} times (timed one by one), then {@code timed} times (timed together). */
    private static PerStep perStep(int warm, int timed, Runnable task) {
        double[] warmups = new double[warm];
        for (int i = 0; i < warm; i++) {
            long w0 = System.nanoTime();
            task.run();
            warmups[i] = (System.nanoTime() - w0) / 1e9;
        }
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        long compile0 = compileMillis(compiler);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < timed; i++) {
            task.run();
        }
        int n = Math.max(1, timed);
        return new PerStep((System.nanoTime() - t0) / 1e9 / n, (processCpuNanos() - cpu0) / 1e9 / n, warmups,
                compileMillis(compiler) - compile0);
    }

    private static long compileMillis(CompilationMXBean compiler) {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : 0;
    }

    /** FLOP/s of ND4J's float32 matrix product of two n x n matrices, best of three. */
    static double sgemmFlops(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, n, n);
        a.mmuli(b, c);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            a.mmuli(b, c);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return 2.0 * n * n * (double) n / best;
    }
}
