package io.latentemu.examples.cli;

import io.latentemu.examples.study.Study;
import io.latentemu.examples.study.StudyConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./emulator study [--preset small]}: the compression study. */
@Command(name = "study", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run the compression study (several compression rates, latent vs pixel).",
        description = {"The study's main experiment at small scale: autoencoders at several compression rates, each with",
                "a latent diffusion and a latent deterministic emulator, plus a pixel-space deterministic emulator and",
                "persistence, evaluated on the same test trajectories. Writes DIR/study.md (the table in the paper's",
                "form), DIR/report.html and the figures. Running it again keeps what is finished."})
public final class StudyCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "small", description = "settings preset (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--out", defaultValue = "runs/study", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "use this dataset instead of generating the preset's")
    Path data;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ResumeOption resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StudyConfig resolved = configOptions.load(StudyConfig.preset(preset), StudyConfig.class);
        if (configOptions.shown(resolved, spec.commandLine().getOut())) {
            return 0;
        }
        StringBuilder command = new StringBuilder("./emulator study --preset ").append(preset).append(" --out ").append(out);
        if (data != null) {
            command.append(" --data ").append(data);
        }
        if (configOptions.file() != null) {
            command.append(" --config ").append(configOptions.file());
        }
        Study.run(out, data, resolved, resume.requested(), command.toString(), spec.commandLine().getOut());
        return 0;
    }
}
