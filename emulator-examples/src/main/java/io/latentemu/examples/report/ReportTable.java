package io.latentemu.examples.report;

import io.latentemu.core.metrics.LeadBin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The numbers of a report, one row per model: VRMSE per lead-time bin, the power-spectrum error per band
 * (over every lead), spread/skill (over every lead, ensembles only), cost per emulated frame and size; written
 * as Markdown or HTML. Values are means over channels of the de-normalised fields.
 */
public final class ReportTable {

    /** Power-spectrum error bands of core's metrics. */
    static final List<String> BANDS = List.of("low", "mid", "high");

    private final List<String> header = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** The table of a set of models; bins are those of the first. */
    public static ReportTable of(List<ModelResult> models) throws IOException {
        ReportTable t = new ReportTable();
        List<LeadBin> bins = models.get(0).metrics().bins();
        t.header.add("model");
        for (LeadBin b : bins) {
            t.header.add("VRMSE " + b.label());
        }
        for (String band : BANDS) {
            t.header.add("spectral error " + band);
        }
        t.header.add("spread/skill");
        t.header.add("ms per frame");
        t.header.add("parameters");
        for (ModelResult m : models) {
            List<String> row = new ArrayList<>();
            row.add(m.label());
            for (double v : m.metrics().byBin("vrmse")) {
                row.add(num(v));
            }
            for (String band : BANDS) {
                row.add(num(m.metrics().overall("power_spectrum_error_" + band)));
            }
            row.add(m.isEnsemble() ? num(m.metrics().overall("spread_skill_ratio")) : "-");
            row.add(Double.isFinite(m.costSeconds()) ? String.format(Locale.ROOT, "%.1f", 1e3 * m.costSeconds()) : "-");
            row.add(m.parameters() > 0 ? String.format(Locale.ROOT, "%,d", m.parameters()) : "-");
            t.rows.add(row);
        }
        return t;
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

    /** Three significant digits, or "-" when not finite. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return Math.abs(v) >= 100 || (Math.abs(v) < 1e-3 && v != 0)
                ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
