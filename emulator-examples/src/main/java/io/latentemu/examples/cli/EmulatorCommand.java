package io.latentemu.examples.cli;

import io.latentemu.core.backend.BackendSelector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./emulator} command line: one subcommand per step of the pipeline, plus benchmarks.
 *
 * <p>The backend is chosen before any ND4J class loads, so every subcommand runs on the fastest
 * native build the CPU supports.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true, version = "latent-emulator 0.1.0-SNAPSHOT",
        description = "Physics emulation with latent diffusion models.",
        subcommands = {
                GenerateCommand.class,
                InspectCommand.class,
                TrainAutoencoderCommand.class,
                EncodeCommand.class,
                TrainEmulatorCommand.class,
                RolloutCommand.class,
                EvaluateCommand.class,
                ReportCommand.class,
                QuickstartCommand.class,
                StudyCommand.class,
                ExampleCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class EmulatorCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point of the launcher. */
    public static void main(String[] args) {
        BackendSelector.configure();
        io.latentemu.examples.pipeline.MemoryGuard.start();
        java.io.PrintStream terminal = StrayOutput.install();
        int code = newCommandLine().setOut(new java.io.PrintWriter(terminal, true)).execute(args);
        System.exit(code);
    }

    /** The configured picocli command line, also used by tests to run subcommands in-process. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new EmulatorCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new CliExceptionHandler());
    }
}
