package io.latentemu.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./emulator bench ...}: benchmarks that print figures (data, simulators, models, samplers). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print speed and memory figures.",
        subcommands = {BenchDataCommand.class, SimulatorBenchCommand.class, SamplerBenchCommand.class,
                ModelBenchCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
