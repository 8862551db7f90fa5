package io.latentemu.examples.study;

import io.latentemu.core.io.AtomicFiles;
import io.latentemu.examples.pipeline.AutoencoderNetwork;
import io.latentemu.examples.pipeline.AutoencoderRun;
import io.latentemu.examples.pipeline.AutoencoderRunConfig;
import io.latentemu.examples.pipeline.EmulatorRun;
import io.latentemu.examples.pipeline.EmulatorRunConfig;
import io.latentemu.examples.pipeline.EvaluationStage;
import io.latentemu.examples.pipeline.ResidentMemory;
import io.latentemu.examples.pipeline.RolloutStage;
import io.latentemu.examples.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the compression study: for each number of latent channels an autoencoder ({@code ae-<c>ch}) with a
 * latent diffusion ({@code diffusion-<c>ch}) and a latent deterministic emulator
 * ({@code deterministic-<c>ch}), then a pixel-space deterministic emulator ({@code pixel-deterministic}); each
 * rolled out and evaluated (with persistence) on the same test trajectories. Writes the report over all of
 * them ({@code report.html}, {@code report.md}, {@code figures/}) and {@code study.md}, the table in the
 * study's form. Finished runs are kept when it runs again.
 */
public final class Study {

    private static final Logger LOG = LoggerFactory.getLogger(Study.class);

    private Study() {
    }

    /**
     * @param out     where the runs and the report go
     * @param data    an existing dataset to use, or null to generate {@code config.dataset()} into out/data
     * @param command the command line that ran the study, recorded in study.md
     */
    public static Report run(Path out, Path data, StudyConfig config, boolean resume, String command, PrintWriter terminal)
            throws IOException {
        long start = System.nanoTime();
        Path dataDir = data != null ? data : out.resolve("data");
        if (data == null) {
            config.dataset().generate(dataDir);
        }
        String dataset = dataDir.toAbsolutePath().normalize().toString();
        List<Path> runs = new ArrayList<>();
        for (int channels : config.latentChannels()) {
            AutoencoderRunConfig base = config.autoencoder();
            AutoencoderNetwork n = base.network();
            AutoencoderRunConfig aeConfig = base.withDataset(dataset).withNetwork(
                    new AutoencoderNetwork(n.widths(), n.blocksPerLevel(), channels, n.dropout(), n.softClip()));
            AutoencoderRun ae = AutoencoderRun.train(out.resolve("ae-" + channels + "ch"), aeConfig, resume);
            ae.encode(resume);
            for (EmulatorRunConfig ec : List.of(config.diffusion(), config.deterministic())) {
                runs.add(emulate(out.resolve(ec.kind().label() + "-" + channels + "ch"),
                        ec.withInputs(dataset, ae.directory().path().toString()), resume));
            }
        }
        runs.add(emulate(out.resolve("pixel-deterministic"), config.pixel().withInputs(dataset, null), resume));
        Report report = Report.of(runs);
        report.write(out, null);
        double minutes = (System.nanoTime() - start) / 60e9;
        String table = StudyTable.of(report.models()).markdown();
        StringBuilder md = new StringBuilder("# Compression study\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        md.append(table).append('\n');
        md.append(String.format(Locale.ROOT, "Wall time of this invocation: %.1f min", minutes));
        ResidentMemory.peakOfThisProcess().ifPresent(b -> md.append(String.format(Locale.ROOT, "; peak resident memory %.2f GB", b / 1e9)));
        md.append(".\n\nFull report: report.html (figures in figures/).\n");
        AtomicFiles.writeString(out.resolve("study.md"), md.toString());
        terminal.println();
        terminal.print(table);
        terminal.printf(Locale.ROOT, "%nstudy finished in %.1f min: %s%n", minutes, out.resolve("study.md").toAbsolutePath());
        terminal.flush();
        LOG.info("study finished in {} min", String.format(Locale.ROOT, "%.1f", minutes));
        return report;
    }

    private static Path emulate(Path dir, EmulatorRunConfig config, boolean resume) throws IOException {
        EmulatorRun er = EmulatorRun.train(dir, config, resume);
        RolloutStage.run(er, config.rollout(), resume);
        EvaluationStage.run(er, resume);
        return dir;
    }
}
