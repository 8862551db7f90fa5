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
 * Trains, rolls out and evaluates several emulators side by side, each in its own JVM with its share of the
 * cores ({@code OMP_NUM_THREADS}).
 *
 * <p>Why: the emulators' transformer steps are thousands of small ops, and on the 2-core machine one such step
 * ran faster on one thread than on two (docs/performance.md), so two emulators trained at once, one core
 * each, take about the time of one. ND4J fixes its thread count when its native library loads, hence separate
 * processes rather than Java threads.
 *
 * <p>Each child runs the ordinary commands ({@code train-emulator}, {@code rollout}, {@code evaluate}) on its run
 * directory, so what it writes, what it keeps when run again and how it resumes are theirs. The configuration it
 * trains is written next to the run directory ({@code NAME.yaml}); its console lines are echoed here prefixed
 * with the run's name.
 */
public final class ParallelEmulators {

    /** The command-line entry point the children run. */
    static final String MAIN_CLASS = "io.latentemu.examples.cli.EmulatorCommand";
    private static final long SAMPLE_MILLIS = 500;

    private ParallelEmulators() {
    }

    /**
     * One emulator to train, roll out and evaluate.
     *
     * @param config    its configuration, inputs (dataset, autoencoder run) set
     * @param directory its run directory
     */
    public record Job(EmulatorRunConfig config, Path directory) {
    }

    /**
     * What the jobs took.
     *
     * @param seconds   wall time of each job, by run directory name
     * @param peakBytes the largest resident memory of this process and its children together, sampled every
     *                  half second (0 where Linux's /proc is missing)
     */
    public record Outcome(Map<String, Double> seconds, long peakBytes) {
    }

    /**
     * Runs every job in its own child JVM, all at once, and waits for them.
     *
     * @param threadsEach {@code OMP_NUM_THREADS} of each child
     * @param resume      passes {@code --resume} to the children's commands
     * @throws IOException when a child fails (after the others have finished), naming the run and the step
     */
    public static Outcome run(List<Job> jobs, int threadsEach, boolean resume, PrintWriter terminal) throws IOException {
        if (threadsEach < 1) {
            throw new IllegalArgumentException("threadsEach must be >= 1, got " + threadsEach);
        }
        List<Runner> runners = new ArrayList<>();
        for (Job job : jobs) {
            runners.add(new Runner(job, commands(job, resume), threadsEach, terminal));
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
        runners.forEach(Thread::start);
        try {
            for (Runner r : runners) {
                r.join();
            }
        } catch (InterruptedException e) {
            runners.forEach(Runner::destroyChild);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the emulators ran", e);
        } finally {
            sampler.interrupt();
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

    /** The child commands of a job: train, roll out, evaluate. */
    static List<List<String>> commands(Job job, boolean resume) throws IOException {
        EmulatorRunConfig c = job.config();
        Path dir = job.directory().toAbsolutePath().normalize();
        Path configFile = dir.resolveSibling(dir.getFileName() + ".yaml");
        Files.createDirectories(dir.getParent());
        Files.writeString(configFile, ConfigFiles.toYaml(c));
        List<String> train = new ArrayList<>(List.of("train-emulator", "--kind", c.kind().label(), "--space",
                c.space().label(), "--data", c.dataset(), "--run", dir.toString(), "--config", configFile.toString()));
        if (c.autoencoder() != null) {
            train.addAll(List.of("--autoencoder", c.autoencoder()));
        }
        List<List<String>> out = new ArrayList<>();
        out.add(train);
        out.add(new ArrayList<>(List.of("rollout", "--run", dir.toString())));
        out.add(new ArrayList<>(List.of("evaluate", "--run", dir.toString())));
        if (resume) {
            out.forEach(cmd -> cmd.add("--resume"));
        }
        return out;
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

        Runner(Job job, List<List<String>> commands, int threads, PrintWriter terminal) {
            super("emulator-" + job.directory().getFileName());
            this.name = job.directory().getFileName().toString();
            this.commands = commands;
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
