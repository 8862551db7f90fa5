package io.latentemu.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.latentemu.core.metrics.LeadBin;
import io.latentemu.examples.pipeline.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A metric table written by core's {@code MetricTable.writeJson} (per channel and lead, and per lead-time
 * bin), read back for reports: values averaged over channels, per lead, per bin, or over every lead.
 */
public final class MetricsFile {

    private final Path file;
    private final JsonNode root;
    private final List<String> channels = new ArrayList<>();
    private final List<LeadBin> bins = new ArrayList<>();

    private MetricsFile(Path file, JsonNode root) throws IOException {
        this.file = file;
        this.root = root;
        for (JsonNode c : root.path("channels")) {
            channels.add(c.asText());
        }
        for (JsonNode b : root.path("bins")) {
            bins.add(new LeadBin(b.path("first").asInt(), b.path("last").asInt()));
        }
        if (channels.isEmpty() || leads() < 1) {
            throw new IOException(file + ": not a metric table (no channels or lead times)");
        }
    }

    /** Reads a table. */
    public static MetricsFile read(Path file) throws IOException {
        return new MetricsFile(file, Json.read(file));
    }

    public Path file() {
        return file;
    }

    public List<String> channels() {
        return channels;
    }

    public List<LeadBin> bins() {
        return bins;
    }

    /** Number of lead times. */
    public int leads() {
        return root.path("leads").asInt();
    }

    /** A metric of one channel per lead (index 0 is lead 1). */
    public double[] byLead(String metric, String channel) throws IOException {
        JsonNode values = root.path("per_lead").path(metric).path(channel);
        if (!values.isArray() || values.size() != leads()) {
            throw new IOException(file + ": per_lead/" + metric + "/" + channel + ": expected " + leads() + " values");
        }
        double[] out = new double[leads()];
        for (int t = 0; t < out.length; t++) {
            out[t] = values.get(t).asDouble(Double.NaN);
        }
        return out;
    }

    /** A metric averaged over channels, per lead. */
    public double[] byLead(String metric) throws IOException {
        double[] out = new double[leads()];
        for (String c : channels) {
            double[] v = byLead(metric, c);
            for (int t = 0; t < out.length; t++) {
                out[t] += v[t] / channels.size();
            }
        }
        return out;
    }

    /** A metric averaged over channels and over the leads of each bin. */
    public double[] byBin(String metric) throws IOException {
        double[] perLead = byLead(metric);
        double[] out = new double[bins.size()];
        for (int i = 0; i < bins.size(); i++) {
            out[i] = mean(perLead, bins.get(i).first(), bins.get(i).last());
        }
        return out;
    }

    /** A metric averaged over channels and every lead. */
    public double overall(String metric) throws IOException {
        return mean(byLead(metric), 1, leads());
    }

    /** Mean of leads {@code first..last} (1-based, inclusive) of a per-lead array. */
    public static double mean(double[] perLead, int first, int last) {
        double s = 0;
        for (int t = first; t <= last; t++) {
            s += perLead[t - 1];
        }
        return s / (last - first + 1);
    }
}
