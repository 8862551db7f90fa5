package io.latentemu.examples.cli;

import io.latentemu.examples.pipeline.AutoencoderRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./emulator encode --run RUN}. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Cache the latents of every split with a trained autoencoder.",
        description = {"Caches the latents of every trajectory of every split with a trained autoencoder:",
                "RUN/latents/SPLIT.bin. Latent emulators train on them."})
public final class EncodeCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "autoencoder run directory")
    Path run;

    @Mixin
    ResumeOption resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AutoencoderRun ae = AutoencoderRun.existing(run);
        ae.encode(resume.requested());
        spec.commandLine().getOut().printf("latents of %s cached in %s%n", run, ae.latentFile("train").getParent());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
