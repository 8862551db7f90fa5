package io.latentemu.examples.cli;

import io.latentemu.examples.pipeline.EmulatorRun;
import io.latentemu.examples.pipeline.RolloutSettings;
import io.latentemu.examples.pipeline.RolloutStage;
import io.latentemu.examples.pipeline.RunFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./emulator rollout --run RUN [--ensemble K] [--sampler NAME --steps N]}. */
@Command(name = "rollout", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Emulate the test trajectories with a trained emulator (ensembles for diffusion).",
        description = {"Emulates the test trajectories from their first states with a trained emulator (K ensemble",
                "members each for a diffusion emulator) and saves the emulated states (RUN/rollout/latents.bin) and",
                "the cost per emulated frame. Samplers: adams-bashforth (default, 16 steps), adams-bashforth-2, euler,",
                "heun, ddim, ddpm, dpm-solver-2m, predictor-corrector."})
public final class RolloutCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "emulator run directory")
    Path run;

    @Option(names = "--ensemble", paramLabel = "K", description = "members per trajectory (default: the run's configuration)")
    Integer ensemble;

    @Option(names = "--sampler", paramLabel = "NAME", description = "diffusion sampler (default: the run's configuration)")
    String sampler;

    @Option(names = "--steps", paramLabel = "N", description = "sampler steps per window (default: the run's configuration)")
    Integer steps;

    @Mixin
    ResumeOption resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EmulatorRun er = EmulatorRun.existing(run);
        RolloutSettings settings = er.config().rollout().with(ensemble, sampler, steps);
        RolloutStage.run(er, settings, resume.requested());
        var s = er.directory().summary(RunFiles.ROLLOUT);
        spec.commandLine().getOut().printf("%s: %d test trajectories x %d members x %d leads; %.2f ms per emulated frame%n",
                er.label(), s.path("trajectories").asInt(), s.path("members").asInt(), s.path("leads").asInt(),
                1e3 * s.path("cost_seconds_per_frame").asDouble());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
