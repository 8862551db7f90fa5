package io.latentemu.examples.report;

import io.latentemu.core.io.AtomicFiles;
import io.latentemu.examples.pipeline.RunFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./emulator report}: an HTML page ({@code report.html}) and a Markdown summary ({@code report.md})
 * over evaluated emulator runs, with the figures in {@code figures/}: the table of {@link ReportTable}, the
 * figures of {@link ReportFigures}, and where each number comes from.
 */
public final class Report {

    /** Channel shown in figures when the caller names none and the data has it. */
    public static final String PREFERRED_CHANNEL = "density";

    private final List<ModelResult> models;
    private final ReportTable table;

    private Report(List<ModelResult> models) throws IOException {
        this.models = models;
        this.table = ReportTable.of(models);
    }

    /** The report over these emulator runs (each evaluated). */
    public static Report of(List<Path> runs) throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("report needs at least one --run");
        }
        return new Report(ModelResult.collect(runs));
    }

    public List<ModelResult> models() {
        return models;
    }

    public ReportTable table() {
        return table;
    }

    /** The channel shown in figures: {@code requested}, else density when present, else the first. */
    public String channel(String requested) {
        List<String> channels = models.get(0).metrics().channels();
        if (requested != null) {
            if (!channels.contains(requested)) {
                throw new IllegalArgumentException("no channel '" + requested + "'; channels: " + channels);
            }
            return requested;
        }
        return channels.contains(PREFERRED_CHANNEL) ? PREFERRED_CHANNEL : channels.get(0);
    }

    /**
     * Writes report.html, report.md and figures/ into {@code out}.
     *
     * @param channel shown in the figures (null: {@link #channel})
     */
    public void write(Path out, String channel) throws IOException {
        String shown = channel(channel);
        Map<String, String> figures = new ReportFigures(models, out.resolve(RunFiles.FIGURES), shown).drawAll();
        AtomicFiles.writeString(out.resolve("report.md"), markdown(figures, shown));
        AtomicFiles.writeString(out.resolve("report.html"), html(figures, shown));
    }

    private String notes() {
        ModelResult first = models.get(0);
        return String.format(Locale.ROOT, "Test trajectories emulated from their first state; %d lead times, bins %s. "
                        + "VRMSE = sqrt(mean((u - v)^2) / var(u)) per channel on de-normalised fields, of the ensemble mean, "
                        + "averaged over channels, trajectories and the lead times of a bin. Spectral error: the study's "
                        + "power-spectrum error per band (low, mid, high wavenumbers) over every lead. Spread/skill over every "
                        + "lead (ensembles only; 1 is calibrated). Cost: wall time per emulated state of one member, "
                        + "decoding included.", first.metrics().leads(),
                first.metrics().bins().stream().map(b -> b.label()).toList());
    }

    /** The Markdown summary. */
    public String markdown(Map<String, String> figures, String channel) {
        StringBuilder sb = new StringBuilder("# Emulation report\n\n");
        sb.append(table.markdown()).append('\n').append(notes()).append("\n\n## Runs\n\n");
        for (ModelResult m : models) {
            sb.append("- ").append(m.label()).append(": `").append(m.run()).append('`').append(runNote(m)).append('\n');
        }
        sb.append("\n## Figures (").append(channel).append(")\n\n");
        for (Map.Entry<String, String> f : figures.entrySet()) {
            sb.append("![").append(f.getValue()).append("](").append(RunFiles.FIGURES).append('/').append(f.getKey())
                    .append(")\n\n");
        }
        sb.append("Generated ").append(Instant.now()).append(".\n");
        return sb.toString();
    }

    private static String runNote(ModelResult m) {
        StringBuilder sb = new StringBuilder();
        if (m.parameters() > 0) {
            sb.append(String.format(Locale.ROOT, ", %,d parameters", m.parameters()));
        }
        if (Double.isFinite(m.trainSeconds())) {
            sb.append(String.format(Locale.ROOT, ", trained in %.0f s", m.trainSeconds()));
        }
        if (m.members() > 1) {
            sb.append(", ").append(m.members()).append(" ensemble members");
        }
        if (Double.isFinite(m.emulateSeconds())) {
            sb.append(String.format(Locale.ROOT, ", %.1f ms emulation + %.1f ms decoding per frame", 1e3 * m.emulateSeconds(),
                    1e3 * m.decodeSeconds()));
        }
        return sb.toString();
    }

    private String html(Map<String, String> figures, String channel) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Emulation report</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;}table{border-collapse:collapse;}"
                + "th,td{border:1px solid #ccc;padding:4px 8px;}td.num{text-align:right;font-variant-numeric:tabular-nums;}"
                + "figure{margin:1.5em 0;}img{max-width:100%;}</style></head><body>\n<h1>Emulation report</h1>\n");
        sb.append(table.html()).append("<p>").append(Html.escape(notes())).append("</p>\n<h2>Runs</h2>\n<ul>\n");
        for (ModelResult m : models) {
            sb.append("<li>").append(Html.escape(m.label())).append(": <code>").append(Html.escape(m.run().toString()))
                    .append("</code>").append(Html.escape(runNote(m))).append("</li>\n");
        }
        sb.append("</ul>\n<h2>Figures (").append(Html.escape(channel)).append(")</h2>\n");
        for (Map.Entry<String, String> f : figures.entrySet()) {
            sb.append("<figure><img src=\"").append(RunFiles.FIGURES).append('/').append(f.getKey()).append("\" alt=\"")
                    .append(Html.escape(f.getValue())).append("\"><figcaption>").append(Html.escape(f.getValue()))
                    .append("</figcaption></figure>\n");
        }
        return sb.append("</body></html>\n").toString();
    }
}
