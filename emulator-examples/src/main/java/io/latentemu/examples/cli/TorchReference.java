package io.latentemu.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch twins of the benchmark networks, kept in the project as the resource
 * {@code bench/torch_models.py}, run in a child Python process for {@code ./emulator bench models --compare}.
 * The script is copied to a temporary file and run with the given interpreter (Debian's {@code /usr/bin/python3}
 * has python3-torch); the thread count is passed both as {@code --threads} and through the OpenMP/OpenBLAS
 * environment, so both sides run with the same number of threads.
 */
final class TorchReference {

    /** Resource path of the script. */
    static final String SCRIPT = "/bench/torch_models.py";

    private static final Pattern LINE = Pattern.compile(
            "^torch (\\S+) (\\S+) train_step_s=([0-9.eE+-]+) forward_s=([0-9.eE+-]+) params=(\\d+) threads=(\\d+)"
                    + "(?: train_cpu_s=([0-9.eE+-]+) forward_cpu_s=([0-9.eE+-]+))?$",
            Pattern.MULTILINE);

    /** One network's PyTorch figures; the CPU seconds per step are NaN when the script did not print them. */
    record Timing(String version, String network, double trainSeconds, double forwardSeconds, long parameters,
                  int threads, double trainCpuSeconds, double forwardCpuSeconds) {
    }

    private final String python;
    private final Path script;

    private TorchReference(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /**
     * The reference if {@code python} can import torch, else the reason it cannot (empty reference).
     *
     * @param reason receives the reason when the result is empty
     */
    static Optional<TorchReference> find(String python, StringBuilder reason) {
        try {
            Result probe = run(List.of(python, "-c", "import torch; print(torch.__version__)"), Map.of(), List.of(), 120);
            if (probe.code != 0) {
                reason.append(python).append(" cannot import torch: ").append(lastLine(probe.output));
                return Optional.empty();
            }
            Path script = Files.createTempFile("torch_models", ".py");
            script.toFile().deleteOnExit();
            try (InputStream in = TorchReference.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + SCRIPT + " missing from the application");
                }
                Files.write(script, in.readAllBytes());
            }
            return Optional.of(new TorchReference(python, script));
        } catch (IOException e) {
            reason.append("cannot run ").append(python).append(": ").append(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Environment variable in which the {@code ./emulator} launcher lists the glibc allocator settings it made
     * (docs/backends.md), as opposed to settings the user made.
     */
    static final String LAUNCHER_MALLOC_SETTINGS = "LATENTEMU_MALLOC_SET";

    /**
     * Runs the script for one network ({@code autoencoder} or {@code vit}) and parses its line.
     *
     * @param launcherMalloc whether the twin keeps the allocator settings our launcher made; without them it runs
     *                       with glibc's defaults, as PyTorch users run it
     */
    Timing time(String network, int threads, int batch, int size, int warmup, int steps, boolean launcherMalloc)
            throws IOException {
        List<String> command = List.of(python, script.toString(), network, "--threads", Integer.toString(threads),
                "--batch", Integer.toString(batch), "--size", Integer.toString(size), "--warmup",
                Integer.toString(warmup), "--steps", Integer.toString(steps));
        String n = Integer.toString(threads);
        List<String> unset = launcherMalloc ? List.of() : launcherMallocSettings();
        Result r = run(command, Map.of("OMP_NUM_THREADS", n, "OPENBLAS_NUM_THREADS", n, "MKL_NUM_THREADS", n), unset, 3600);
        Matcher m = LINE.matcher(r.output);
        if (r.code != 0 || !m.find()) {
            throw new IOException("PyTorch reference " + String.join(" ", command) + " failed (exit " + r.code + "): "
                    + lastLine(r.output));
        }
        return new Timing(m.group(1), m.group(2), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                Long.parseLong(m.group(5)), Integer.parseInt(m.group(6)), parseOrNaN(m.group(7)), parseOrNaN(m.group(8)));
    }

    private static double parseOrNaN(String s) {
        return s == null ? Double.NaN : Double.parseDouble(s);
    }

    private record Result(int code, String output) {
    }

    /** The allocator settings the launcher made in this process's environment (none outside the launcher). */
    static List<String> launcherMallocSettings() {
        String names = System.getenv(LAUNCHER_MALLOC_SETTINGS);
        return names == null || names.isBlank() ? List.of() : List.of(names.strip().split("\\s+"));
    }

    private static Result run(List<String> command, Map<String, String> env, List<String> unset, long timeoutSeconds)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        unset.forEach(pb.environment()::remove);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        return new Result(p.exitValue(), output);
    }

    private static String lastLine(String text) {
        String t = text.strip();
        int i = t.lastIndexOf('\n');
        return i < 0 ? t : t.substring(i + 1);
    }
}
