package io.latentemu.data.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Speed figures of the simulators: solver throughput on one thread, and the wall time of generating a
 * whole dataset on all threads. A cell update is one grid cell advanced by one full solver time step
 * (both sweeps for Euler, all four Runge-Kutta stages for the spectral solvers).
 */
public final class SimulatorBenchmark {

    /**
     * Throughput of one solver.
     *
     * @param stepsPerTrajectory  solver steps of one trajectory
     * @param secondsPerTrajectory wall time of one trajectory on one thread (best of the repeats)
     * @param cellUpdatesPerSecond steps times cells per second
     */
    public record SolverSpeed(String name, int resolution, int frames, long stepsPerTrajectory,
                              double secondsPerTrajectory, double cellUpdatesPerSecond) {
    }

    /** Wall time of a dataset generation. */
    public record DatasetTime(String name, int resolution, int trajectories, int frames, int threads,
                              double seconds, double cellUpdatesPerSecond) {
    }

    private SimulatorBenchmark() {
    }

    /** Runs {@code warmUp} untimed trajectories, then times {@code repeats} and keeps the fastest. */
    public static SolverSpeed solverSpeed(String name, Simulator simulator, int warmUp, int repeats) {
        double[] parameters = simulator.parameterSets().get(0);
        for (int i = 0; i < warmUp; i++) {
            simulator.simulate(parameters, 1000 + i);
        }
        double best = Double.POSITIVE_INFINITY;
        long steps = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            SimulatedTrajectory t = simulator.simulate(parameters, i);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (seconds < best) {
                best = seconds;
                steps = t.solverSteps();
            }
        }
        long cells = (long) simulator.resolution() * simulator.resolution();
        return new SolverSpeed(name, simulator.resolution(), simulator.frames(), steps, best, steps * cells / best);
    }

    /**
     * Generates a dataset into a fresh temporary directory under {@code scratch}, times it and deletes it.
     */
    public static DatasetTime datasetTime(String name, Simulator simulator, int train, int valid, int test,
                                          int threads, Path scratch, GenerationListener listener) {
        Path dir;
        try {
            Files.createDirectories(scratch);
            dir = Files.createTempDirectory(scratch, "bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            GenerationReport report = new DatasetGenerator().generate(simulator,
                    GenerationRequest.of(dir, train, valid, test, 0).withThreads(threads), listener);
            return new DatasetTime(name, simulator.resolution(), train + valid + test, simulator.frames(), threads,
                    report.seconds(), report.cellUpdates() / report.seconds());
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
