package io.latentemu.examples.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latentemu.data.sim.BuiltInSimulator;
import io.latentemu.data.sim.DatasetGenerator;
import io.latentemu.data.sim.GenerationListener;
import io.latentemu.data.sim.GenerationReport;
import io.latentemu.data.sim.GenerationRequest;
import io.latentemu.data.sim.Simulator;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset the quickstart and the study generate with a built-in simulator (key {@code dataset}); the same
 * as {@code ./emulator generate SYSTEM --resolution R --steps T --train N --valid N --test N --seed S}, plus
 * any fields of the simulator's configuration ({@code settings}, see docs/simulators.md).
 *
 * @param system     euler, navier-stokes or gray-scott
 * @param resolution cells per side
 * @param steps      saved states per trajectory
 * @param train      train trajectories
 * @param valid      valid trajectories
 * @param test       test trajectories
 * @param seed       master seed
 * @param settings   further fields of the simulator's configuration (e.g. {@code boundary: OPEN})
 */
public record DatasetSettings(String system, int resolution, int steps, int train, int valid, int test, long seed,
                              Map<String, Object> settings) {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetSettings.class);

    public DatasetSettings {
        BuiltInSimulator.byName(system);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        if (train < 1 || test < 1 || valid < 0) {
            throw new IllegalArgumentException("need train >= 1, test >= 1 and valid >= 0 trajectories, got " + train
                    + "/" + valid + "/" + test);
        }
    }

    /** The simulator these settings describe. */
    public Simulator simulator() {
        BuiltInSimulator kind = BuiltInSimulator.byName(system);
        ObjectNode overrides = ConfigFiles.yaml().valueToTree(settings);
        overrides.put("resolution", resolution);
        overrides.put("frames", steps);
        return kind.create(kind.configure(overrides));
    }

    /**
     * Generates the dataset into {@code dir}, or keeps it when a complete one is there (generation resumes an
     * interrupted one and refuses other settings).
     *
     * @return seconds spent (0 when kept)
     */
    public double generate(Path dir) {
        Simulator simulator = simulator();
        LOG.info("generating {} {}x{}, {} states per trajectory, {}/{}/{} trajectories -> {}", system, resolution, resolution,
                steps, train, valid, test, dir);
        GenerationReport report = new DatasetGenerator().generate(simulator,
                GenerationRequest.of(dir, train, valid, test, seed), GenerationListener.NONE);
        LOG.info("dataset ready in {} s ({} files written, {} kept)", AutoencoderRun.fmt(report.seconds()),
                report.written().size(), report.kept().size());
        return report.written().isEmpty() ? 0 : report.seconds();
    }
}
