package io.latentemu.examples.cli;

import io.latentemu.examples.pipeline.EmulationSpace;
import io.latentemu.examples.pipeline.EmulatorKind;
import io.latentemu.examples.pipeline.EmulatorRun;
import io.latentemu.examples.pipeline.EmulatorRunConfig;
import io.latentemu.examples.pipeline.RunFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./emulator train-emulator --kind diffusion|deterministic --space latent|pixel --data DIR [--autoencoder RUN] --run RUN}. */
@Command(name = "train-emulator", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train a diffusion or deterministic emulator, in latent or pixel space.",
        description = {"Trains an emulator on windows of consecutive states: a diffusion model (denoiser) or a",
                "deterministic neural solver, on the latents of an autoencoder run or on the fields themselves.",
                "The run directory receives emulator.yaml, log.txt, train-log.jsonl, checkpoints/ and model.zip.",
                "A finished run is kept as it is; an interrupted one continues with --resume."})
public final class TrainEmulatorCommand implements Callable<Integer> {

    @Option(names = "--kind", required = true, description = "diffusion or deterministic")
    EmulatorKind kind;

    @Option(names = "--space", defaultValue = "latent", description = "latent or pixel (default: ${DEFAULT-VALUE})")
    EmulationSpace space;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "dataset directory")
    Path data;

    @Option(names = "--autoencoder", paramLabel = "RUN", description = "autoencoder run (latent space)")
    Path autoencoder;

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "run directory")
    Path run;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ResumeOption resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EmulatorRunConfig defaults = EmulatorRunConfig.defaults(kind, space);
        EmulatorRunConfig resolved = configOptions.load(defaults, EmulatorRunConfig.class);
        if (resolved.kind() != kind || resolved.space() != space) {
            throw new IllegalArgumentException(configOptions.file() + ": kind and space are chosen on the command line (--kind, --space)");
        }
        resolved = resolved.withInputs(data.toAbsolutePath().normalize().toString(),
                autoencoder == null ? null : autoencoder.toAbsolutePath().normalize().toString());
        if (configOptions.shown(resolved, spec.commandLine().getOut())) {
            return 0;
        }
        EmulatorRun er = EmulatorRun.train(run, resolved, resume.requested());
        var summary = er.directory().summary(RunFiles.TRAIN);
        spec.commandLine().getOut().printf("%s emulator %s: %d parameters, final loss %.4g%n", er.label(),
                er.directory().path(), summary.path("parameters").asLong(), summary.path("final_loss").asDouble());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
