package io.latentemu.examples.cli;

import io.latentemu.data.sim.BuiltInSimulator;
import io.latentemu.data.sim.EulerConfig;
import io.latentemu.data.sim.EulerSimulator;
import io.latentemu.data.sim.GenerationListener;
import io.latentemu.data.sim.SimulatorBenchmark;
import io.latentemu.data.sim.SimulatorBenchmark.DatasetTime;
import io.latentemu.data.sim.SimulatorBenchmark.SolverSpeed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./emulator bench simulators}: cell updates per second of each built-in solver on one thread, and
 * the wall time of the quickstart dataset (Euler, 64x64, 40 trajectories of 100 frames) on all threads.
 */
@Command(name = "simulators", mixinStandardHelpOptions = true,
        description = {"Speed of the built-in simulators: cell updates per second of each solver (one thread,",
                "default configuration) and the wall time of the quickstart dataset (Euler 64x64, 40 x 100 frames)."})
public final class SimulatorBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--repeats", defaultValue = "3", description = "timed trajectories per solver, best kept (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--threads", description = "threads of the dataset run (default: all cores)")
    Integer threads;

    @Option(names = "--scratch", defaultValue = "runs/bench", description = "where the dataset is written, then deleted (default: ${DEFAULT-VALUE})")
    Path scratch;

    @Option(names = "--skip-dataset", description = "only the solver figures")
    boolean skipDataset;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d cores available; timings vary with other load on the machine%n",
                Runtime.getRuntime().availableProcessors());
        out.printf("%-14s %8s %7s %11s %9s %17s%n", "solver", "grid", "frames", "steps/traj", "s/traj", "cell-updates/s");
        out.flush();
        for (BuiltInSimulator kind : BuiltInSimulator.values()) {
            SolverSpeed s = SimulatorBenchmark.solverSpeed(kind.cliName(), kind.create(kind.defaults()), 1, repeats);
            out.printf("%-14s %8s %7d %11d %9.3f %17.3g%n", s.name(), s.resolution() + "x" + s.resolution(),
                    s.frames(), s.stepsPerTrajectory(), s.secondsPerTrajectory(), s.cellUpdatesPerSecond());
            out.flush();
        }
        if (!skipDataset) {
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            EulerSimulator quickstart = new EulerSimulator(EulerConfig.defaults());
            DatasetTime d = SimulatorBenchmark.datasetTime("euler", quickstart, 32, 4, 4, n, scratch,
                    GenerationListener.NONE);
            out.printf("quickstart dataset (euler %dx%d, %d trajectories x %d frames, %d threads): %.1f s "
                            + "(%.3g cell-updates/s, files and stats.yaml included; target < 60 s on 2 cores)%n",
                    d.resolution(), d.resolution(), d.trajectories(), d.frames(), d.threads(), d.seconds(),
                    d.cellUpdatesPerSecond());
        }
        out.flush();
        return 0;
    }
}
