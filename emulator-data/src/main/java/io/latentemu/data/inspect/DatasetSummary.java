package io.latentemu.data.inspect;

import io.latentemu.data.norm.WellStats;
import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.well.SimulationParameter;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellMetadata;
import io.latentemu.data.well.WellSplit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@code ./emulator inspect} prints about a dataset: name, grid, steps, trajectories per split,
 * channels, simulation parameters, boundary conditions and the per-channel mean and standard deviation
 * of its {@code stats.yaml}. Opening every split checks every file, so bad input fails here.
 *
 * @param name          dataset name
 * @param source        what was opened
 * @param metadata      metadata of the first file of the first split
 * @param minSteps      fewest steps per trajectory over all files
 * @param maxSteps      most steps per trajectory over all files
 * @param times         time coordinates of the first trajectory of the first file
 * @param splits        split -> {trajectories, files}
 * @param parameterValues parameter -> distinct values met (at each trajectory's first state)
 * @param statsFile     the statistics file used, or null
 * @param means         per-channel mean from the statistics, or null
 * @param stds          per-channel standard deviation from the statistics, or null
 */
public record DatasetSummary(String name, String source, WellMetadata metadata, int minSteps, int maxSteps, double[] times,
                             Map<String, int[]> splits, Map<String, List<Double>> parameterValues, String statsFile,
                             double[] means, double[] stds) {

    private static final int MAX_VALUES_SHOWN = 8;

    /** Opens every split of the dataset and gathers the summary. */
    public static DatasetSummary of(WellDataset dataset) {
        Map<String, int[]> splits = new LinkedHashMap<>();
        Map<String, TreeSet<Double>> values = new LinkedHashMap<>();
        int minSteps = Integer.MAX_VALUE;
        int maxSteps = 0;
        WellMetadata first = null;
        double[] times = null;
        for (String s : dataset.splitNames()) {
            WellSplit split = dataset.split(s);
            if (first == null) {
                first = split.metadata();
                times = split.files().get(0).times(0);
            } else {
                String other = split.files().get(0).path().toString();
                split.metadata().layoutDifference(first).ifPresent(d -> {
                    throw new io.latentemu.data.WellDataException(java.nio.file.Path.of(other), "/",
                            "split '" + s + "' does not match the first split: " + d);
                });
            }
            splits.put(s, new int[]{split.trajectories(), split.files().size()});
            for (WellFile f : split.files()) {
                minSteps = Math.min(minSteps, f.steps());
                maxSteps = Math.max(maxSteps, f.steps());
                List<SimulationParameter> ps = f.metadata().parameters();
                for (int b = 0; b < f.trajectories(); b++) {
                    double[] v = f.parameters(b, 0);
                    for (int i = 0; i < v.length; i++) {
                        values.computeIfAbsent(ps.get(i).name(), k -> new TreeSet<>()).add(v[i]);
                    }
                }
            }
        }
        Map<String, List<Double>> paramValues = new LinkedHashMap<>();
        values.forEach((k, v) -> paramValues.put(k, new ArrayList<>(v)));
        double[] means = null;
        double[] stds = null;
        String statsFile = null;
        if (dataset.statsFile().isPresent()) {
            WellStats stats = WellStats.read(dataset.statsFile().get());
            means = stats.channelValues(WellStats.MEAN, first);
            stds = stats.channelValues(WellStats.STD, first);
            statsFile = dataset.statsFile().get().toString();
        }
        return new DatasetSummary(first.datasetName(), dataset.root().toString(), first, minSteps, maxSteps, times, splits,
                paramValues, statsFile, means, stds);
    }

    /** The summary as aligned text lines. */
    public String format() {
        WellMetadata m = metadata;
        StringBuilder sb = new StringBuilder();
        line(sb, "dataset", name);
        line(sb, "source", source);
        int[] shape = m.spatialShape();
        line(sb, "grid", m.gridType() + ", " + m.spatialDims() + "-D, "
                + java.util.Arrays.stream(shape).mapToObj(String::valueOf).collect(Collectors.joining(" x ")));
        for (Axis a : m.axes()) {
            float[] c = a.coordinates();
            String spacing = a.isUniform() ? "uniform, spacing " + num(a.spacing()) : "non-uniform";
            line(sb, "  axis " + a.name(), a.size() + " points, " + spacing + ", " + num(c[0]) + " .. " + num(c[c.length - 1]));
        }
        String steps = minSteps == maxSteps ? String.valueOf(minSteps) : minSteps + " to " + maxSteps;
        line(sb, "time", steps + " steps per trajectory, t = " + num(times[0]) + " .. " + num(times[times.length - 1])
                + (m.timeSampleVarying() ? " (times differ per trajectory)" : ""));
        line(sb, "trajectories", splits.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()[0] + " (" + e.getValue()[1] + (e.getValue()[1] == 1 ? " file)" : " files)"))
                .collect(Collectors.joining(", ")));
        line(sb, "channels", m.channelCount() + ": " + String.join(", ", m.channelNames()));
        if (m.parameters().isEmpty()) {
            line(sb, "parameters", "none");
        } else {
            for (SimulationParameter p : m.parameters()) {
                List<Double> v = parameterValues.getOrDefault(p.name(), List.of());
                String shown = v.stream().limit(MAX_VALUES_SHOWN).map(DatasetSummary::num).collect(Collectors.joining(", "))
                        + (v.size() > MAX_VALUES_SHOWN ? ", ... (" + v.size() + " values)" : "");
                String kind = p.timeVarying() ? " (time-varying; first-step values)" : "";
                line(sb, "parameter", p.name() + " = " + shown + kind);
            }
        }
        List<String> bcs = new ArrayList<>();
        for (int i = 0; i < m.spatialDims(); i++) {
            List<BoundaryType> types = m.boundaryTypes(i);
            bcs.add(m.axes().get(i).name() + " " + (types.isEmpty() ? "unspecified"
                    : types.stream().map(Enum::name).collect(Collectors.joining("+"))));
        }
        line(sb, "boundaries", String.join(", ", bcs));
        if (means == null) {
            line(sb, "statistics", "none (no stats.yaml)");
        } else {
            line(sb, "statistics", statsFile);
            int width = Math.max(7, m.channelNames().stream().mapToInt(String::length).max().orElse(7));
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %14s  %14s%n", "channel", "mean", "std"));
            for (int c = 0; c < m.channelCount(); c++) {
                sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %14s  %14s%n", m.channelNames().get(c),
                        num(means[c]), num(stds[c])));
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "%-14s %s%n", key, value));
    }

    /** Six significant digits without trailing zeros. */
    static String num(double v) {
        String g = String.format(Locale.ROOT, "%.6g", v);
        if (v != 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e7)) {
            return g;
        }
        return new java.math.BigDecimal(g).stripTrailingZeros().toPlainString();
    }
}
