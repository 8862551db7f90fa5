package io.latentemu.data.sim;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a dataset generation.
 *
 * @param written      files written by this run
 * @param kept         complete files found from an earlier run of the same generation, left as they were
 * @param trajectories trajectories simulated by this run
 * @param cellUpdates  solver cell updates of this run (steps times cells, summed over trajectories)
 * @param seconds      wall time of this run
 * @param stats        the statistics file
 */
public record GenerationReport(List<Path> written, List<Path> kept, int trajectories, long cellUpdates,
                               double seconds, Path stats) {

    public GenerationReport {
        written = List.copyOf(written);
        kept = List.copyOf(kept);
    }
}
