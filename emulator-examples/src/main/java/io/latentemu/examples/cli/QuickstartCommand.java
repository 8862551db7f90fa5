package io.latentemu.examples.cli;

import io.latentemu.examples.pipeline.ConfigFiles;
import io.latentemu.examples.pipeline.Quickstart;
import io.latentemu.examples.pipeline.QuickstartConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./emulator quickstart [--out DIR]}: the main job. */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The whole pipeline on built-in Euler data: generates the dataset (64x64), trains the",
                "autoencoder and a latent diffusion and a latent deterministic emulator, rolls out the test",
                "trajectories (ensembles for diffusion), evaluates them against persistence and writes",
                "DIR/report.html. Prints the table and checks the quickstart's targets (time, memory, accuracy).",
                "Running it again keeps what is finished; --resume continues an interrupted step."})
public final class QuickstartCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "runs/quickstart", paramLabel = "DIR",
            description = "where everything goes (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with the keys to change (docs/configuration.md)")
    Path config;

    @Option(names = "--resume", description = "continue an interrupted step")
    boolean resume;

    @Option(names = "--show-config", description = "print the resolved configuration (YAML) and exit")
    boolean showConfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        QuickstartConfig resolved = ConfigFiles.load(config, QuickstartConfig.defaults(), QuickstartConfig.class);
        if (showConfig) {
            spec.commandLine().getOut().print(ConfigFiles.toYaml(resolved));
            spec.commandLine().getOut().flush();
            return 0;
        }
        Quickstart.run(out, resolved, resume, spec.commandLine().getOut());
        return 0;
    }
}
