package io.latentemu.data.bench;

import io.latentemu.data.batch.Batch;
import io.latentemu.data.batch.BatchConfig;
import io.latentemu.data.batch.BatchStream;
import io.latentemu.data.batch.WellBatches;
import io.latentemu.data.well.WellSplit;
import io.latentemu.data.window.WindowReader;
import io.latentemu.data.window.WindowSpec;
import io.latentemu.data.write.WellWriter;
import io.latentemu.data.write.WriteOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code ./emulator bench data}: writes a file of synthetic trajectories several times larger than a small
 * heap, then, in a child JVM limited to that heap, reads every state once and draws shuffled training
 * batches from it, printing states and windows per second, MB/s of float32 data delivered, and the peak
 * heap and resident memory. The file is deleted afterwards.
 */
public final class DataBenchmark {

    private static final double MB = 1024.0 * 1024.0;

    /**
     * @param directory  where the temporary file goes (a fresh subdirectory is made and removed)
     * @param sizeMb     decoded size of the file, MB of float32 states
     * @param heapMb     -Xmx of the child JVM that reads it
     * @param resolution grid points per axis
     * @param options    storage of the file (gzip by default)
     * @param seconds    time spent drawing training batches
     */
    public record Options(Path directory, int sizeMb, int heapMb, int resolution, WriteOptions options, double seconds) {
        public Options {
            if (sizeMb < 1 || heapMb < 16 || resolution < 4 || !(seconds > 0)) {
                throw new IllegalArgumentException("need size >= 1 MB, heap >= 16 MB, resolution >= 4, seconds > 0");
            }
        }
    }

    private DataBenchmark() {
    }

    /** Runs the benchmark, printing to {@code out}. */
    public static void run(Options o, PrintWriter out) {
        int frameBytes = 4 * 4 * o.resolution() * o.resolution();
        int frames = Math.max(8, (int) Math.ceil(o.sizeMb() * MB / frameBytes));
        int steps = Math.min(128, Math.max(8, frames / 4));
        int trajectories = Math.max(1, (frames + steps - 1) / steps);
        WaveFrames source = new WaveFrames(trajectories, steps, o.resolution());
        double decodedMb = (double) trajectories * steps * frameBytes / MB;
        Path dir;
        try {
            Files.createDirectories(o.directory());
            dir = Files.createTempDirectory(o.directory(), "bench-data-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the benchmark file in " + o.directory(), e);
        }
        Path file = dir.resolve("bench_waves.hdf5");
        try {
            out.printf(Locale.ROOT, "data benchmark: %.0f MB of float32 states (%d trajectories x %d steps x 4 channels x %d x %d), %s%n",
                    decodedMb, trajectories, steps, o.resolution(), o.resolution(), describe(o.options()));
            out.printf(Locale.ROOT, "  writing %s ...%n", file);
            out.flush();
            long t0 = System.nanoTime();
            new WellWriter(source.description(), o.options()).write(file, source);
            double written = (System.nanoTime() - t0) / 1e9;
            double diskMb = Files.size(file) / MB;
            out.printf(Locale.ROOT, "  written in %.1f s (%.0f MB/s of states), %.0f MB on disk%n",
                    written, decodedMb / written, diskMb);
            out.printf(Locale.ROOT, "  reading in a child JVM with -Xmx%dm: the file is %.1fx the heap on disk, %.1fx decoded%n",
                    o.heapMb(), diskMb / o.heapMb(), decodedMb / o.heapMb());
            out.flush();
            runChild(file, o, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    private static String describe(WriteOptions w) {
        if (w.layout() == WriteOptions.Layout.CONTIGUOUS) {
            return "contiguous";
        }
        return "chunked (one chunk per state)" + (w.deflateLevel() > 0 ? ", gzip level " + w.deflateLevel() : "")
                + (w.shuffle() ? " + shuffle" : "");
    }

    private static void runChild(Path file, Options o, PrintWriter out) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + o.heapMb() + "m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "-Dlatentemu.log.file=" + System.getProperty("latentemu.log.file", file.resolveSibling("child.log").toString()),
                DataBenchmark.class.getName(), "child", file.toString(),
                String.valueOf(o.seconds())));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("  ")) {
                    out.println(line);
                    out.flush();
                }
            }
        }
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the child JVM was reading", e);
        }
        if (code != 0) {
            throw new IllegalStateException("the child JVM (-Xmx" + o.heapMb() + "m) failed with exit code " + code
                    + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
    }

    /** Child JVM: {@code child FILE SECONDS}. */
    public static void main(String[] args) {
        if (args.length != 3 || !args[0].equals("child")) {
            System.err.println("usage: DataBenchmark child FILE SECONDS");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        double seconds = Double.parseDouble(args[2]);
        try (WellSplit split = WellSplit.open("bench", List.of(file))) {
            int frameBytes = split.metadata().frameSize() * 4;

            // every state once, one thread, in file order
            WindowReader states = new WindowReader(split, new WindowSpec(1, 0, 1), null);
            float[] buffer = new float[states.windowSize()];
            float[] params = new float[states.parameterCount()];
            long t0 = System.nanoTime();
            for (int i = 0; i < states.size(); i++) {
                states.readRaw(i, buffer, 0, params, 0);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  every state once, 1 thread: %d states in %.1f s: %.0f states/s, %.0f MB/s%n",
                    states.size(), s, states.size() / s, states.size() * (double) frameBytes / MB / s);

            // shuffled training batches of windows (4 in, 1 out), prefetched by 2 workers
            WindowReader windows = new WindowReader(split, new WindowSpec(4, 1, 1), null);
            int batchSize = 8;
            WellBatches batches = new WellBatches(windows, BatchConfig.builder(batchSize).seed(1).prefetch(2).workers(2).build());
            long count = 0;
            t0 = System.nanoTime();
            long deadline = t0 + (long) (seconds * 1e9);
            long maxSteps = batches.batchesPerEpoch();
            try (BatchStream stream = batches.stream(0, maxSteps)) {
                while (stream.hasNext() && System.nanoTime() < deadline) {
                    Batch b = stream.next();
                    count += b.size();
                }
            }
            s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  training windows (4 in + 1 out), shuffled batches of %d, 2 workers, prefetch 2: "
                            + "%d windows in %.1f s: %.1f windows/s, %.0f MB/s%n", batchSize, count, s, count / s,
                    count * (double) windows.windowSize() * 4 / MB / s);
        }
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "  peak heap %.0f MB (sum of the heap pools' peaks) of -Xmx %.0f MB; peak resident memory %s%n",
                peakHeap / MB, Runtime.getRuntime().maxMemory() / MB, residentPeak());
    }

    /** VmHWM of /proc/self/status (JVM, heap, mapped file pages), or "unknown" off Linux. */
    private static String residentPeak() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%.0f MB (VmHWM: JVM, heap and file pages)",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0))
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the directory is a fresh temporary one
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }
}
