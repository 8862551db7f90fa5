package io.latentemu.examples.cli;

import io.latentemu.examples.pipeline.AutoencoderRun;
import io.latentemu.examples.pipeline.AutoencoderRunConfig;
import io.latentemu.examples.pipeline.RunFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./emulator train-autoencoder --data DIR --run RUN [--config FILE]}. */
@Command(name = "train-autoencoder", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train the autoencoder and measure its reconstruction error.",
        description = {"Trains the autoencoder on single states of the train split, then measures its reconstruction",
                "error on the test split. The run directory receives autoencoder.yaml (the resolved configuration),",
                "log.txt, train-log.jsonl, checkpoints/, model.zip and metrics/reconstruction.{json,csv}.",
                "A finished run is kept as it is; an interrupted one continues with --resume."})
public final class TrainAutoencoderCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "dataset directory (The Well's layout)")
    Path data;

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
        AutoencoderRunConfig resolved = configOptions.load(AutoencoderRunConfig.defaults(), AutoencoderRunConfig.class)
                .withDataset(data.toAbsolutePath().normalize().toString());
        if (configOptions.shown(resolved, spec.commandLine().getOut())) {
            return 0;
        }
        AutoencoderRun ae = AutoencoderRun.train(run, resolved, resume.requested());
        var summary = ae.directory().summary(RunFiles.RECONSTRUCTION);
        spec.commandLine().getOut().printf("autoencoder %s: compression %.1fx, test reconstruction VRMSE %.4f (mean over channels)%n",
                ae.directory().path(), ae.directory().summary(RunFiles.TRAIN).path("compression_rate").asDouble(),
                summary.path("vrmse_mean").asDouble());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
