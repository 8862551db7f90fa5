package io.latentemu.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.latentemu.data.sim.BuiltInSimulator;
import io.latentemu.data.sim.DatasetGenerator;
import io.latentemu.data.sim.GenerationReport;
import io.latentemu.data.sim.GenerationRequest;
import io.latentemu.data.sim.Simulator;
import io.latentemu.data.write.WriteOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./emulator generate SYSTEM --out DIR ...}: simulates a dataset with a built-in solver and writes
 * it in The Well's layout. Running it again on the same directory with the same settings resumes.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Simulate a dataset (euler, navier-stokes, gray-scott) in The Well's layout.",
        description = {"Simulates a dataset with a built-in solver (euler, navier-stokes, gray-scott) and writes",
                "DIR/data/{train,valid,test}/*.hdf5 in The Well's layout and DIR/stats.yaml over train.",
                "Trajectories run in parallel; run the same command again to resume an interrupted run."})
public final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SYSTEM", description = "euler, navier-stokes or gray-scott")
    String system;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "dataset directory")
    Path out;

    @Option(names = "--train", defaultValue = "32", description = "train trajectories (default: ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--valid", defaultValue = "4", description = "valid trajectories (default: ${DEFAULT-VALUE})")
    int valid;

    @Option(names = "--test", defaultValue = "4", description = "test trajectories (default: ${DEFAULT-VALUE})")
    int test;

    @Option(names = "--resolution", paramLabel = "R", description = "cells per side (default: the system's, 64)")
    Integer resolution;

    @Option(names = "--steps", paramLabel = "T",
            description = "saved frames per trajectory, the initial state included (default: the system's, 100)")
    Integer steps;

    @Option(names = "--seed", defaultValue = "0", description = "master seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", description = "trajectories simulated at once (default: all cores)")
    Integer threads;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON file with fields of the system's configuration (see docs/simulators.md)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "one configuration field, the value in YAML (e.g. boundary=OPEN, gammas=[1.3,1.4], "
                    + "density.max=3); repeatable, applied after --config")
    List<String> settings = List.of();

    @Option(names = "--gzip", paramLabel = "LEVEL", description = "compress the fields (chunked, shuffle + gzip 1-9)")
    Integer gzip;

    @Option(names = "--show-config", description = "print the effective configuration and exit")
    boolean showConfig;

    @Override
    public Integer call() throws IOException {
        PrintWriter outWriter = spec.commandLine().getOut();
        BuiltInSimulator kind = BuiltInSimulator.byName(system);
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode overrides = yaml.createObjectNode();
        if (config != null) {
            JsonNode file = yaml.readTree(config.toFile());
            if (file != null && !file.isNull()) {
                if (!file.isObject()) {
                    throw new IllegalArgumentException(config + ": expected an object of configuration fields");
                }
                overrides.setAll((ObjectNode) file);
            }
        }
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + s + "'");
            }
            put(overrides, s.substring(0, eq).trim(), yaml.readTree(s.substring(eq + 1)));
        }
        if (resolution != null) {
            overrides.put("resolution", resolution);
        }
        if (steps != null) {
            overrides.put("frames", steps);
        }
        Object configuration = kind.configure(overrides);
        if (showConfig) {
            outWriter.print(yaml.writeValueAsString(configuration));
            outWriter.flush();
            return 0;
        }
        Simulator simulator = kind.create(configuration);
        GenerationRequest request = GenerationRequest.of(out, train, valid, test, seed);
        if (threads != null) {
            request = request.withThreads(threads);
        }
        if (gzip != null) {
            request = request.withWriteOptions(WriteOptions.gzip(gzip));
        }
        outWriter.printf("generate %s: %s, %dx%d, %d frames %.4g apart, %d/%d/%d trajectories, %d threads -> %s%n",
                kind.cliName(), simulator.datasetName(), simulator.resolution(), simulator.resolution(),
                simulator.frames(), simulator.outputInterval(), train, valid, test, request.threads(),
                out.toAbsolutePath());
        outWriter.flush();
        GenerationReport report = new DatasetGenerator().generate(simulator, request, new ProgressPrinter(outWriter));
        outWriter.printf("done in %.1f s: %d files written, %d kept from an earlier run, %d trajectories simulated "
                        + "(%.3g cell updates/s); statistics: %s%n", report.seconds(), report.written().size(),
                report.kept().size(), report.trajectories(), report.cellUpdates() / Math.max(report.seconds(), 1e-9),
                report.stats());
        outWriter.flush();
        return 0;
    }

    /** Sets {@code value} at a dotted path of {@code root}, creating intermediate objects. */
    private static void put(ObjectNode root, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
