package io.latentemu.examples.report;

import io.latentemu.core.metrics.LeadBin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The numbers of a report, one row per model, written as Markdown or HTML. Values are means over channels of
 * the de-normalised fields. {@link #of} gives the report's columns: VRMSE per lead-time bin, the power-spectrum
 * error per band (over every lead), spread/skill (over every lead, ensembles only), cost per emulated frame and
 * size; other tables (the study's) choose their own {@link Column}s.
 */
public final class ReportTable {

    /** Power-spectrum error bands of core's metrics. */
    public static final List<String> BANDS = List.of("low", "mid", "high");

    /** One column: a header and the cell of a model. */
    public record Column(String header, Cell cell) {
    }

    /** The text of a cell. */
    @FunctionalInterface
    public interface Cell {
        String of(ModelResult model) throws IOException;
    }

    private final List<String> header = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** A table of {@code models} with these columns. */
    public ReportTable(List<ModelResult> models, List<Column> columns) throws IOException {
        for (Column c : columns) {
            header.add(c.header());
        }
        for (ModelResult m : models) {
            List<String> row = new ArrayList<>();
            for (Column c : columns) {
                row.add(c.cell().of(m));
            }
            rows.add(row);
        }
    }

    /** The report's table of a set of models; bins are those of the first. */
    public static ReportTable of(List<ModelResult> models) throws IOException {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("model", ModelResult::label));
        columns.addAll(vrmseByBin(models.get(0).metrics().bins()));
        for (String band : BANDS) {
            columns.add(new Column("spectral error " + band, m -> num(m.metrics().overall("power_spectrum_error_" + band))));
        }
        columns.add(spreadSkill());
        columns.add(cost());
        columns.add(new Column("parameters", m -> m.parameters() > 0 ? String.format(Locale.ROOT, "%,d", m.parameters()) : "-"));
        return new ReportTable(models, columns);
    }

    /** VRMSE averaged over the leads of each bin. */
    public static List<Column> vrmseByBin(List<LeadBin> bins) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            int at = i;
            out.add(new Column("VRMSE " + bins.get(i).label(), m -> num(m.metrics().byBin("vrmse")[at])));
        }
        return out;
    }

    /** Spread/skill over every lead, for ensembles. */
    public static Column spreadSkill() {
        return new Column("spread/skill", m -> m.isEnsemble() ? num(m.metrics().overall("spread_skill_ratio")) : "-");
    }

    /** Milliseconds per emulated frame, decoding included. */
    public static Column cost() {
        return new Column("ms per frame",
                m -> Double.isFinite(m.costSeconds()) ? String.format(Locale.ROOT, "%.1f", 1e3 * m.costSeconds()) : "-");
    }

    public List<String> header() {
        return header;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /** A GitHub-flavoured Markdown table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            sb.append(i == 0 ? " --- |" : " ---: |");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    /** An HTML table. */
    public String html() {
        StringBuilder sb = new StringBuilder("<table>\n<tr>");
        for (String h : header) {
            sb.append("<th>").append(Html.escape(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                sb.append(i == 0 ? "<td>" : "<td class=\"num\">").append(Html.escape(r.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /** Three decimals (scientific outside [1e-3, 100)), or "-" when not finite. */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return Math.abs(v) >= 100 || (Math.abs(v) < 1e-3 && v != 0)
                ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
