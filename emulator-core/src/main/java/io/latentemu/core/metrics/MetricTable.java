package io.latentemu.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latentemu.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Metrics per channel and lead time, averaged over the trajectories added, and their averages over
 * lead-time bins; written as JSON and CSV.
 *
 * <p>A bin's value is the mean over its lead times of the per-lead means; the channel {@code "mean"}
 * of a bin averages the channels.
 */
public final class MetricTable {

    private final List<String> metrics;
    private final List<String> channels;
    private final int leads;
    private final double[][][] sum;  // [metric][channel][lead]
    private final long[][][] count;

    /**
     * @param metrics  metric names (e.g. {@link FieldMetrics#NAMES})
     * @param channels channel names
     * @param leads    number of lead times (lead 1 is the first predicted state)
     */
    public MetricTable(List<String> metrics, List<String> channels, int leads) {
        if (leads < 1) {
            throw new IllegalArgumentException("need at least one lead time");
        }
        this.metrics = List.copyOf(metrics);
        this.channels = List.copyOf(channels);
        this.leads = leads;
        this.sum = new double[metrics.size()][channels.size()][leads];
        this.count = new long[metrics.size()][channels.size()][leads];
    }

    public List<String> metrics() {
        return metrics;
    }

    public List<String> channels() {
        return channels;
    }

    public int leads() {
        return leads;
    }

    /**
     * Adds one trajectory's values of every metric for a channel and lead time.
     *
     * @param lead 1-based lead time
     */
    public synchronized void add(int channel, int lead, double[] values) {
        if (values.length != metrics.size()) {
            throw new IllegalArgumentException(values.length + " values for " + metrics.size() + " metrics");
        }
        for (int m = 0; m < values.length; m++) {
            sum[m][channel][lead - 1] += values[m];
            count[m][channel][lead - 1]++;
        }
    }

    /** Mean of a metric over the trajectories added (NaN when none). */
    public synchronized double mean(String metric, int channel, int lead) {
        int m = index(metric);
        long n = count[m][channel][lead - 1];
        return n == 0 ? Double.NaN : sum[m][channel][lead - 1] / n;
    }

    /** Number of trajectories added for a channel and lead time. */
    public synchronized long count(int channel, int lead) {
        return count[0][channel][lead - 1];
    }

    /** Mean over the lead times of a bin of the per-lead means. */
    public double binned(String metric, int channel, LeadBin bin) {
        if (bin.last() > leads) {
            throw new IllegalArgumentException("bin " + bin.label() + " beyond the " + leads + " lead times");
        }
        double s = 0;
        for (int t = bin.first(); t <= bin.last(); t++) {
            s += mean(metric, channel, t);
        }
        return s / (bin.last() - bin.first() + 1);
    }

    /** {@link #binned} averaged over channels. */
    public double binnedOverChannels(String metric, LeadBin bin) {
        double s = 0;
        for (int c = 0; c < channels.size(); c++) {
            s += binned(metric, c, bin);
        }
        return s / channels.size();
    }

    /** The table as JSON: per-lead means, counts, and bin averages per channel and over channels. */
    public ObjectNode toJson(List<LeadBin> bins) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.putPOJO("channels", channels);
        root.put("leads", leads);
        ArrayNode counts = root.putArray("trajectories_per_lead");
        for (int t = 1; t <= leads; t++) {
            counts.add(count(0, t));
        }
        ObjectNode perLead = root.putObject("per_lead");
        for (String metric : metrics) {
            ObjectNode byChannel = perLead.putObject(metric);
            for (int c = 0; c < channels.size(); c++) {
                ArrayNode values = byChannel.putArray(channels.get(c));
                for (int t = 1; t <= leads; t++) {
                    values.add(mean(metric, c, t));
                }
            }
        }
        ArrayNode binNodes = root.putArray("bins");
        for (LeadBin bin : bins) {
            ObjectNode b = binNodes.addObject();
            b.put("first", bin.first());
            b.put("last", bin.last());
            ObjectNode values = b.putObject("metrics");
            for (String metric : metrics) {
                ObjectNode byChannel = values.putObject(metric);
                for (int c = 0; c < channels.size(); c++) {
                    byChannel.put(channels.get(c), binned(metric, c, bin));
                }
                byChannel.put("mean", binnedOverChannels(metric, bin));
            }
        }
        return root;
    }

    /** Writes {@link #toJson} to a file (atomically). */
    public void writeJson(Path file, List<LeadBin> bins) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeString(file, mapper.writeValueAsString(toJson(bins)) + "\n");
    }

    /** Writes the per-lead means as CSV rows {@code metric,channel,lead,value,trajectories} (atomically). */
    public void writeCsvByLead(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("metric,channel,lead,value,trajectories\n");
        for (String metric : metrics) {
            for (int c = 0; c < channels.size(); c++) {
                for (int t = 1; t <= leads; t++) {
                    sb.append(metric).append(',').append(channels.get(c)).append(',').append(t).append(',')
                            .append(format(mean(metric, c, t))).append(',').append(count(c, t)).append('\n');
                }
            }
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** Writes the bin averages as CSV rows {@code metric,channel,first,last,value} (atomically). */
    public void writeCsvByBin(Path file, List<LeadBin> bins) throws IOException {
        StringBuilder sb = new StringBuilder("metric,channel,first,last,value\n");
        for (String metric : metrics) {
            for (LeadBin bin : bins) {
                for (int c = 0; c <= channels.size(); c++) {
                    String name = c < channels.size() ? channels.get(c) : "mean";
                    double v = c < channels.size() ? binned(metric, c, bin) : binnedOverChannels(metric, bin);
                    sb.append(metric).append(',').append(name).append(',').append(bin.first()).append(',')
                            .append(bin.last()).append(',').append(format(v)).append('\n');
                }
            }
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private int index(String metric) {
        int m = metrics.indexOf(metric);
        if (m < 0) {
            throw new IllegalArgumentException("unknown metric " + metric + "; known: " + metrics);
        }
        return m;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }
}
