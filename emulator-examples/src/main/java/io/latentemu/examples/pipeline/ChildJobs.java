package io.latentemu.examples.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs pipeline steps as child JVMs, several side by side, each with its share of the cores
 * ({@code OMP_NUM_THREADS}); the quickstart's way of using both cores of a small machine well.
 *
 * <p>Why: the emulators' transformer steps are thousands of small ops, and on the 2-core machine one such step
 * ran faster on one thread than on two (docs/performance.md), so two emulators trained at once, one core
 * each, take about the time of one; the autoencoder's convolutions, on the other hand, gain from both cores.
 * ND4J fixes its thread count when its native library loads, hence processes rather than Java threads. A
 * child also returns all its native memory when it ends, which keeps the parent small.
 *
 * <p>A job is a list of ordinary commands ({@code train-autoencoder}, {@code encode}, {@code train-emulator},
 * {@code rollout}, {@code evaluate}) run one after the other, so what a child writes, what it keeps when run
 * again and how it resumes are those commands'. The configuration a job trains is written next to its run
 * directory ({@code NAME.yaml}); its console lines are echoed here prefixed with {@code [NAME]}.
 */
public final class ChildJobs {

    /** The command-line entry point the children run. */
    static final String MAIN_CLASS = "io.latentemu.examples.cli.EmulatorCommand";
    private static final long SAMPLE_MILLIS = 500;

    private ChildJobs() {
    }

    /**
     * Commands to run one after the other in child processes.
     *
     * @param name     the prefix of its console lines (its run directory's name)
     * @param commands each a command line of {@code ./emulator} without the launcher
     */
    public record Job(String name, List<List<String>> commands) {
        public Job {
            commands = commands.stream().map(List::copyOf).toList();
        }
    }

    /**
     * What the jobs took.
     *
     * @param seconds   wall time of each job, by name
     * @param peakBytes the largest resident memory of this process and its children together, sampled every
     *                  half second (0 where Linux's /proc is missing)
     */
    public record Outcome(Map<String, Double> seconds, long peakBytes) {
    }

    /** Training, reconstruction error and encoding of an autoencoder ({@code config} has its dataset set). */
    public static Job autoencoder(AutoencoderRunConfig config, Path directory, boolean resume) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Path file = writeConfig(dir, config);
        return job(dir, resume, List.of("train-autoencoder", "--data", config.dataset(), "--run", dir.toString(),
                "--config", file.toString()), List.of("encode", "--run", dir.toString()));
    }

    /** Training, rollout and evaluation of an emulator ({@code config} has its inputs set). */
    public static Job emulator(EmulatorRunConfig config, Path directory, boolean resume) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        Path file = writeConfig(dir, config);
        List<String> train = new ArrayList<>(List.of("train-emulator", "--kind", config.kind().label(), "--space",
                config.space().label(), "--data", config.dataset(), "--run", dir.toString(), "--config", file.toString()));
        if (config.autoencoder() != null) {
            train.addAll(List.of("--autoencoder", config.autoencoder()));
        }
        return job(dir, resume, train, List.of("rollout", "--run", dir.toString()),
                List.of("evaluate", "--run", dir.toString()));
    }

    @SafeVarargs
    private static Job job(Path dir, boolean resume, List<String>... commands) {
        List<List<String>> all = new ArrayList<>();
        for (List<String> c : commands) {
            List<String> cmd = new ArrayList<>(c);
            if (resume) {
                cmd.add("--resume");
            }
            all.add(cmd);
        }
        return new Job(dir.getFileName().toString(), all);
    }

    private static Path writeConfig(Path dir, Object config) throws IOException {
        Path file = dir.resolveSibling(dir.getFileName() + ".yaml");
        Files.createDirectories(dir.getParent());
        Files.writeString(file, ConfigFiles.toYaml(config));
        return file;
    }

    /**
     * Runs every job in its own child JVMs, all at once, and waits for them.
     *
     * @param threadsEach {@code OMP_NUM_THREADS} of each child
     * @throws IOException when a child fails (after the others have finished), naming the job and the command
     */
    public static Outcome run(List<Job> jobs, int threadsEach, PrintWriter terminal) throws IOException {
        if (threadsEach < 1) {
            throw new IllegalArgumentException("threadsEach must be >= 1, got " + threadsEach);
        }
        List<Runner> runners = new ArrayList<>();
        for (Job job : jobs) {
            runners.add(new Runner(job, threadsEach, terminal));
        }
        AtomicLong peak = new AtomicLong(ResidentMemory.current(ProcessHandle.current()));
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long total = ResidentMemory.current(ProcessHandle.current());
                for (Runner r : runners) {
                    total += r.residentBytes();
                }
                peak.accumulateAndGet(total, Math::max);
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        sampler.setDaemon(true);
        sampler.start();
        // Ctrl-C or a kill of this process stops the children too (their checkpoints let --resume continue)
        Thread stopChildren = new Thread(() -> runners.forEach(Runner::destroyChild), "stop-child-jobs");
        Runtime.getRuntime().addShutdownHook(stopChildren);
        runners.forEach(Thread::start);
        try {
            for (Runner r : runners) {
                r.join();
            }
        } catch (InterruptedException e) {
            runners.forEach(Runner::destroyChild);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the child jobs ran", e);
        } finally {
            sampler.interrupt();
            try {
                Runtime.getRuntime().removeShutdownHook(stopChildren);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Runner r : runners) {
            seconds.put(r.name, r.seconds);
            if (r.failure != null) {
                failures.add(r.failure);
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(String.join("; ", failures));
        }
        return new Outcome(seconds, peak.get());
    }

    /** This JVM's java binary, options and class path, to start a child with. */
    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        return cmd;
    }

    /** Runs one job's commands one after the other in child processes. */
    private static final class Runner extends Thread {
        private final String name;
        private final List<List<String>> commands;
        private final int threads;
        private final PrintWriter terminal;
        private volatile Process process;
        private volatile String failure;
        private volatile double seconds;

        Runner(Job job, int threads, PrintWriter terminal) {
            super("job-" + job.name());
            this.name = job.name();
            this.commands = job.commands();
            this.threads = threads;
            this.terminal = terminal;
        }

        long residentBytes() {
            Process p = process;
            return p == null ? 0 : ResidentMemory.current(p.toHandle());
        }

        void destroyChild() {
            Process p = process;
            if (p != null) {
                p.destroy();
            }
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            try {
                for (List<String> command : commands) {
                    int code = execute(command);
                    if (code != 0) {
                        failure = name + ": `" + command.get(0) + "` failed with exit code " + code
                                + " (its output is above, prefixed [" + name + "])";
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                failure = name + ": " + e;
            } finally {
                seconds = (System.nanoTime() - start) / 1e9;
            }
        }

        private int execute(List<String> command) throws IOException, InterruptedException {
            List<String> full = new ArrayList<>(javaCommand());
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            Process p = pb.start();
            process = p;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (terminal) {
                        terminal.println("[" + name + "] " + line);
                        terminal.flush();
                    }
                }
            }
            int code = p.waitFor();
            process = null;
            return code;
        }
    }
}
