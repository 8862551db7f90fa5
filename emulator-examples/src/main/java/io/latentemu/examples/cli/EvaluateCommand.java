package io.latentemu.examples.cli;

import io.latentemu.examples.pipeline.EmulatorRun;
import io.latentemu.examples.pipeline.EvaluationStage;
import io.latentemu.examples.pipeline.RunFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./emulator evaluate --run RUN}. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Score a rollout against the truth, persistence and the autoencoder alone.",
        description = {"Scores a rollout per channel and lead time on de-normalised fields (VRMSE, NRMSE, spectral",
                "errors, spread/skill, ...), and on the same trajectories the persistence baseline and, in latent",
                "space, the autoencoder alone. Writes RUN/metrics/{emulator,persistence,autoencoder}.{json,csv},",
                "*-bins.csv (per lead-time bin) and spectra.json."})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN", description = "emulator run directory")
    Path run;

    @Mixin
    ResumeOption resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EmulatorRun er = EmulatorRun.existing(run);
        EvaluationStage.run(er, resume.requested());
        var s = er.directory().summary(RunFiles.EVALUATE);
        var out = spec.commandLine().getOut();
        out.printf("%s: VRMSE (mean over channels) per lead-time bin %s%n", er.label(), s.path("bins"));
        out.printf("  %-12s %s%n", "emulator", s.path(EvaluationStage.EMULATOR).path("vrmse"));
        out.printf("  %-12s %s%n", "persistence", s.path(EvaluationStage.PERSISTENCE).path("vrmse"));
        if (s.has(EvaluationStage.AUTOENCODER)) {
            out.printf("  %-12s %s%n", "autoencoder", s.path(EvaluationStage.AUTOENCODER).path("vrmse"));
        }
        out.flush();
        return 0;
    }
}
