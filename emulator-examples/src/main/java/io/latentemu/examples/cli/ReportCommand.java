package io.latentemu.examples.cli;

import io.latentemu.examples.report.Report;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./emulator report --run RUN... [--out DIR]}. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write the HTML/Markdown report and figures over evaluated runs.",
        description = {"Writes report.html, report.md and figures/ (VRMSE and spread/skill versus lead time, power",
                "spectra, field snapshots, an animated rollout) over one or more evaluated emulator runs, with",
                "persistence and the autoencoders measured on the same test trajectories."})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, arity = "1..*", paramLabel = "RUN", description = "evaluated emulator runs")
    List<Path> runs;

    @Option(names = "--out", paramLabel = "DIR", description = "where the report goes (default: the first run)")
    Path out;

    @Option(names = "--channel", paramLabel = "NAME", description = "channel shown in the figures (default: density, else the first)")
    String channel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Report report = Report.of(runs);
        Path dir = out != null ? out : runs.get(0);
        report.write(dir, channel);
        var o = spec.commandLine().getOut();
        o.print(report.table().markdown());
        o.printf("report: %s%n", dir.resolve("report.html").toAbsolutePath());
        o.flush();
        return 0;
    }
}
