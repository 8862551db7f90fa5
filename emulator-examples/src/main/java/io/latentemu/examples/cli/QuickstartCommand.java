package io.latentemu.examples.cli;

import io.latentemu.examples.pipeline.Quickstart;
import io.latentemu.examples.pipeline.QuickstartConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./emulator quickstart [--out DIR]}: the main job. */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the whole pipeline on built-in Euler data and check its targets.",
        description = {"The whole pipeline on built-in Euler data: generates the dataset (64x64), trains the",
                "autoencoder and a latent diffusion and a latent deterministic emulator, rolls out the test",
                "trajectories (ensembles for diffusion), evaluates them against persistence and writes",
                "DIR/report.html. Prints the table and checks the quickstart's targets (time, memory, accuracy).",
                "Running it again keeps what is finished; --resume continues an interrupted step."})
public final class QuickstartCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "runs/quickstart", paramLabel = "DIR",
            description = "where everything goes (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = {"1: every step in this process, one after the other; "
            + "2: the autoencoder in a child process with all cores, then the two emulators side by side in two child "
            + "processes with half the cores each (default: 2 on a machine of 2 or more cores)"})
    Integer jobs;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ResumeOption resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        QuickstartConfig resolved = configOptions.load(QuickstartConfig.defaults(), QuickstartConfig.class);
        if (configOptions.shown(resolved, spec.commandLine().getOut())) {
            return 0;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int n = jobs != null ? jobs : cores >= 2 ? 2 : 1;
        Quickstart.run(out, resolved, resume.requested(), n, cores, spec.commandLine().getOut());
        return 0;
    }
}
