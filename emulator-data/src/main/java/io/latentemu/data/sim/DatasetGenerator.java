package io.latentemu.data.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latentemu.data.AtomicFiles;
import io.latentemu.data.WellDataException;
import io.latentemu.data.norm.StatsComputer;
import io.latentemu.data.norm.WellStats;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellSplit;
import io.latentemu.data.write.Trajectory;
import io.latentemu.data.write.WellDescription;
import io.latentemu.data.write.WellWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates a dataset in The Well's layout with a {@link Simulator}: {@code DIR/data/{train,valid,test}/*.hdf5}
 * (one file per split and parameter set) and {@code DIR/stats.yaml} over the train split.
 *
 * <p>Trajectories run in parallel on a fixed pool of threads; a file is written (under a temporary name,
 * then moved into place) as soon as its trajectories are done, so memory holds about one file per thread.
 * Trajectory {@code i} of a split gets the parameter set {@code g mod P}, g its index counted over train,
 * valid and test in that order, and a seed derived from the master seed, the split and {@code i}: the
 * numbers do not depend on the thread count.
 *
 * <p>Resuming: the settings are recorded in {@code DIR/generation.json}. Run again with the same
 * settings, the generator keeps the complete files it finds and makes the missing ones; with other
 * settings it refuses to touch the directory. Existing files are never overwritten.
 */
public final class DatasetGenerator {

    /** The record of what a dataset directory was generated with. */
    public static final String MANIFEST = "generation.json";

    private static final List<String> SPLITS = WellDataset.SPLITS;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One file to produce: its split, path, parameters and the seeds of its trajectories. */
    private record FilePlan(String split, Path path, double[] parameters, long[] seeds) {
    }

    /** Generates (or completes) the dataset the request describes. */
    public GenerationReport generate(Simulator simulator, GenerationRequest request, GenerationListener listener) {
        long start = System.nanoTime();
        Path root = request.output().toAbsolutePath();
        List<FilePlan> plan = plan(simulator, request, root);
        checkManifest(simulator, request, root, plan);

        WellDescription description = simulator.description();
        List<FilePlan> missing = new ArrayList<>();
        List<Path> kept = new ArrayList<>();
        for (FilePlan f : plan) {
            if (Files.exists(f.path())) {
                checkComplete(f, simulator, description);
                kept.add(f.path());
            } else {
                removeStaleTemporaries(f.path());
                missing.add(f);
            }
        }
        int trajectories = missing.stream().mapToInt(f -> f.seeds().length).sum();
        long totalFrames = (long) trajectories * simulator.frames();
        listener.started(missing.size(), kept.size(), totalFrames);

        AtomicLong cellUpdates = new AtomicLong();
        List<Path> written = run(simulator, request, missing, totalFrames, cellUpdates, listener);

        Path statsFile = root.resolve(WellDataset.STATS_FILE);
        boolean trainChanged = missing.stream().anyMatch(f -> f.split().equals("train"));
        if (trainChanged || !Files.exists(statsFile)) {
            List<Path> trainFiles = plan.stream().filter(f -> f.split().equals("train")).map(FilePlan::path).toList();
            try (WellSplit train = WellSplit.open("train", trainFiles)) {
                WellStats stats = new StatsComputer().compute(train);
                stats.write(statsFile, train.metadata(), true);
            }
            listener.statsWritten(statsFile);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new GenerationReport(written, kept, trajectories, cellUpdates.get(), seconds, statsFile);
    }

    /** The files of the dataset, their parameters and their trajectories' seeds. */
    private static List<FilePlan> plan(Simulator simulator, GenerationRequest request, Path root) {
        List<double[]> sets = simulator.parameterSets();
        if (sets.isEmpty()) {
            throw new IllegalArgumentException(simulator.datasetName() + ": the simulator lists no parameter set");
        }
        int[] counts = {request.train(), request.valid(), request.test()};
        List<FilePlan> plan = new ArrayList<>();
        int global = 0;
        for (int s = 0; s < SPLITS.size(); s++) {
            List<List<Long>> seedsBySet = new ArrayList<>();
            for (int p = 0; p < sets.size(); p++) {
                seedsBySet.add(new ArrayList<>());
            }
            for (int i = 0; i < counts[s]; i++, global++) {
                seedsBySet.get(global % sets.size()).add(trajectorySeed(request.seed(), s, i));
            }
            for (int p = 0; p < sets.size(); p++) {
                List<Long> seeds = seedsBySet.get(p);
                if (seeds.isEmpty()) {
                    continue;
                }
                Path path = root.resolve("data").resolve(SPLITS.get(s))
                        .resolve(fileName(simulator, sets.get(p)));
                plan.add(new FilePlan(SPLITS.get(s), path, sets.get(p).clone(),
                        seeds.stream().mapToLong(Long::longValue).toArray()));
            }
        }
        return plan;
    }

    /** {@code <dataset>_<param>_<value>..hdf5}, values in their shortest decimal form. */
    static String fileName(Simulator simulator, double[] parameters) {
        StringBuilder b = new StringBuilder(simulator.datasetName());
        List<String> names = simulator.parameterNames();
        for (int i = 0; i < names.size(); i++) {
            b.append('_').append(names.get(i)).append('_')
                    .append(BigDecimal.valueOf(parameters[i]).stripTrailingZeros().toPlainString());
        }
        return b.append(".hdf5").toString();
    }

    /** A seed for trajectory {@code index} of split {@code split}: SplitMix64's finaliser over the three. */
    static long trajectorySeed(long seed, int split, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + ((long) split << 32) + index);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Writes the manifest on a fresh directory; on an existing one, checks it records the same generation. */
    private static void checkManifest(Simulator simulator, GenerationRequest request, Path root, List<FilePlan> plan) {
        ObjectNode wanted = JSON.createObjectNode();
        wanted.put("dataset", simulator.datasetName());
        wanted.put("simulator", simulator.getClass().getName());
        wanted.set("config", JSON.valueToTree(simulator.config()));
        wanted.put("seed", request.seed());
        wanted.put("train", request.train());
        wanted.put("valid", request.valid());
        wanted.put("test", request.test());
        Path manifest = root.resolve(MANIFEST);
        String text;
        try {
            text = JSON.writeValueAsString(wanted);
            // compare as read back: numbers then have the node types a parsed file gives them
            wanted = (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.exists(manifest)) {
            JsonNode found;
            try {
                found = JSON.readTree(manifest.toFile());
            } catch (IOException e) {
                throw new WellDataException(manifest, null, "cannot read the generation record: " + e.getMessage(), e);
            }
            if (!wanted.equals(found)) {
                throw new WellDataException(manifest, null, "the directory holds a dataset generated with other "
                        + "settings (" + differences(found, wanted, "") + "); choose another output directory");
            }
            return;
        }
        for (FilePlan f : plan) {
            if (Files.exists(f.path())) {
                throw new WellDataException(f.path(), null, "exists, but " + manifest.getFileName() + " does not: "
                        + "not generated by this tool, not overwritten; choose another output directory");
            }
        }
        if (Files.exists(root.resolve(WellDataset.STATS_FILE))) {
            throw new WellDataException(root.resolve(WellDataset.STATS_FILE), null, "exists without "
                    + MANIFEST + ": not overwritten; choose another output directory");
        }
        AtomicFiles.write(manifest, false, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    /** The paths at which two JSON trees differ, with both values, e.g. {@code seed: 0 recorded, 3 asked}. */
    private static String differences(JsonNode recorded, JsonNode asked, String path) {
        if (recorded != null && asked != null && recorded.isObject() && asked.isObject()) {
            Set<String> names = new TreeSet<>();
            recorded.fieldNames().forEachRemaining(names::add);
            asked.fieldNames().forEachRemaining(names::add);
            List<String> out = new ArrayList<>();
            for (String name : names) {
                JsonNode a = recorded.get(name);
                JsonNode b = asked.get(name);
                if (a == null || !a.equals(b)) {
                    out.add(differences(a, b, path.isEmpty() ? name : path + "." + name));
                }
            }
            return String.join("; ", out);
        }
        return path + ": " + recorded + " recorded, " + asked + " asked";
    }

    /** A file kept from an earlier run must hold what the plan asks for. */
    private static void checkComplete(FilePlan f, Simulator simulator, WellDescription description) {
        try (WellFile file = WellFile.open(f.path())) {
            String problem = null;
            if (!file.metadata().datasetName().equals(simulator.datasetName())) {
                problem = "dataset " + file.metadata().datasetName() + ", expected " + simulator.datasetName();
            } else if (file.trajectories() != f.seeds().length) {
                problem = file.trajectories() + " trajectories, expected " + f.seeds().length;
            } else if (file.steps() != simulator.frames()) {
                problem = file.steps() + " steps, expected " + simulator.frames();
            } else if (!file.metadata().channelNames().equals(description.channelNames())) {
                problem = "channels " + file.metadata().channelNames() + ", expected " + description.channelNames();
            }
            if (problem != null) {
                throw new WellDataException(f.path(), null, "exists but does not match this generation (" + problem
                        + "); not overwritten");
            }
        }
    }

    /** Temporary files a killed run left beside {@code target} (the writer names them {@code .<name>.tmp-*}). */
    private static void removeStaleTemporaries(Path target) {
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, "." + target.getFileName() + ".tmp-*")) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> run(Simulator simulator, GenerationRequest request, List<FilePlan> files,
                                  long totalFrames, AtomicLong cellUpdates, GenerationListener listener) {
        List<Path> written = Collections.synchronizedList(new ArrayList<>());
        if (files.isEmpty()) {
            return written;
        }
        WellWriter writer = new WellWriter(simulator.description(), request.writeOptions());
        AtomicLong frames = new AtomicLong();
        AtomicInteger threadIndex = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(request.threads(), r -> {
            Thread t = new Thread(r, "simulate-" + threadIndex.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (FilePlan f : files) {
                SimulatedTrajectory[] slots = new SimulatedTrajectory[f.seeds().length];
                AtomicInteger remaining = new AtomicInteger(slots.length);
                for (int k = 0; k < slots.length; k++) {
                    int slot = k;
                    futures.add(pool.submit(() -> {
                        FrameListener progress = (done, total) -> {
                            if (Thread.currentThread().isInterrupted()) {
                                throw new CancellationException("generation cancelled");
                            }
                            listener.framesDone(frames.incrementAndGet(), totalFrames);
                        };
                        SimulatedTrajectory t;
                        try {
                            t = simulator.simulate(f.parameters(), f.seeds()[slot], progress);
                        } catch (CancellationException e) {
                            throw e;
                        } catch (RuntimeException e) {
                            throw new IllegalStateException("trajectory " + slot + " of " + f.path().getFileName()
                                    + " (seed " + f.seeds()[slot] + "): " + e.getMessage(), e);
                        }
                        cellUpdates.addAndGet(t.cellUpdates());
                        synchronized (slots) {
                            slots[slot] = t;
                        }
                        if (remaining.decrementAndGet() == 0) {
                            List<Trajectory> list = new ArrayList<>();
                            synchronized (slots) {
                                for (SimulatedTrajectory s : slots) {
                                    list.add(s.toWritable());
                                }
                                Arrays.fill(slots, null);
                            }
                            writer.write(f.path(), list);
                            written.add(f.path());
                            listener.fileWritten(f.path());
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("generation interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
        return List.copyOf(written);
    }

    /** After a failure, lets running tasks notice the interruption, so no file appears after we return. */
    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("simulation threads did not stop within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
