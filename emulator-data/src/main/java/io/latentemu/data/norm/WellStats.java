package io.latentemu.data.norm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.latentemu.data.AtomicFiles;
import io.latentemu.data.WellDataException;
import io.latentemu.data.well.Channel;
import io.latentemu.data.well.FieldSpec;
import io.latentemu.data.well.WellMetadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of a dataset, as in The Well's {@code stats.yaml}: for each key ({@code mean}, {@code std},
 * {@code rms}, {@code mean_delta}, {@code std_delta}, {@code rms_delta}) and each field, a number (scalar
 * field), a list of D numbers (vector field) or a D x D list (tensor field). Deltas are differences between
 * consecutive states. An optional {@code transforms} key records the field transforms the values were
 * computed under (absent in The Well's own files: no transform).
 */
public final class WellStats {

    public static final String MEAN = "mean";
    public static final String STD = "std";
    public static final String RMS = "rms";
    public static final String MEAN_DELTA = "mean_delta";
    public static final String STD_DELTA = "std_delta";
    public static final String RMS_DELTA = "rms_delta";
    /** The keys of The Well's stats.yaml, in the order written. */
    public static final List<String> KEYS = List.of(MEAN, STD, RMS, MEAN_DELTA, STD_DELTA, RMS_DELTA);
    private static final String TRANSFORMS = "transforms";

    private final Path file;
    /** key -> field -> values, flattened row-major (1, D or D*D numbers). */
    private final Map<String, Map<String, double[]>> values;
    private final Map<String, FieldTransform> transforms;

    /**
     * @param file       where the statistics come from (null when computed in memory)
     * @param values     key -> field -> flattened values
     * @param transforms field -> transform the values were computed under (missing fields: identity)
     */
    public WellStats(Path file, Map<String, Map<String, double[]>> values, Map<String, FieldTransform> transforms) {
        this.file = file;
        Map<String, Map<String, double[]>> copy = new LinkedHashMap<>();
        values.forEach((k, m) -> {
            Map<String, double[]> inner = new LinkedHashMap<>();
            m.forEach((f, v) -> inner.put(f, v.clone()));
            copy.put(k, inner);
        });
        this.values = copy;
        Map<String, FieldTransform> t = new LinkedHashMap<>();
        transforms.forEach((f, tr) -> {
            if (tr != FieldTransform.IDENTITY) {
                t.put(f, tr);
            }
        });
        this.transforms = t;
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    /**
     * Reads a {@code stats.yaml}.
     *
     * @throws WellDataException if the file is missing, is not YAML, or holds something other than numbers,
     *                           lists of numbers or lists of lists of numbers under its keys
     */
    public static WellStats read(Path file) {
        Path p = file.toAbsolutePath();
        JsonNode root;
        try {
            root = yaml().readTree(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WellDataException(p, null, "cannot read statistics: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new WellDataException(p, null, "expected a mapping with keys " + KEYS);
        }
        Map<String, Map<String, double[]>> values = new LinkedHashMap<>();
        Map<String, FieldTransform> transforms = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!e.getValue().isObject()) {
                throw new WellDataException(p, key, "expected a mapping from field names to values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> fe = f.next();
                if (key.equals(TRANSFORMS)) {
                    try {
                        transforms.put(fe.getKey(), FieldTransform.parse(fe.getValue().asText()));
                    } catch (IllegalArgumentException ex) {
                        throw new WellDataException(p, key + "/" + fe.getKey(), "unknown transform '"
                                + fe.getValue().asText() + "'");
                    }
                } else {
                    values.computeIfAbsent(key, k -> new LinkedHashMap<>())
                            .put(fe.getKey(), flatten(p, key + "/" + fe.getKey(), fe.getValue()));
                }
            }
        }
        return new WellStats(p, values, transforms);
    }

    private static double[] flatten(Path file, String where, JsonNode node) {
        if (node.isNumber()) {
            return new double[]{node.asDouble()};
        }
        if (node.isArray()) {
            List<Double> out = new java.util.ArrayList<>();
            int inner = -1;
            for (JsonNode n : node) {
                if (n.isNumber()) {
                    out.add(n.asDouble());
                } else if (n.isArray()) {
                    if (inner >= 0 && inner != n.size()) {
                        throw new WellDataException(file, where, "expected rows of equal length");
                    }
                    inner = n.size();
                    for (JsonNode m : n) {
                        if (!m.isNumber()) {
                            throw new WellDataException(file, where, "expected numbers, found " + m);
                        }
                        out.add(m.asDouble());
                    }
                } else {
                    throw new WellDataException(file, where, "expected numbers, found " + n);
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
        throw new WellDataException(file, where, "expected a number or a list of numbers, found " + node);
    }

    /** The file these statistics were read from, if any. */
    public java.util.Optional<Path> file() {
        return java.util.Optional.ofNullable(file);
    }

    /** Keys present (e.g. The Well's six). */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** Transform of a field the values were computed under. */
    public FieldTransform transform(String field) {
        return transforms.getOrDefault(field, FieldTransform.IDENTITY);
    }

    public Map<String, FieldTransform> transforms() {
        return Map.copyOf(transforms);
    }

    /**
     * The values of a field under a key, one per channel of the field ({@code dims^order} numbers).
     *
     * @throws WellDataException naming the statistics file, key and field if missing or of the wrong size
     */
    public double[] values(String key, FieldSpec field, int dims) {
        Map<String, double[]> byField = values.get(key);
        if (byField == null) {
            throw new WellDataException(file, key, "missing key (expected " + KEYS + ")");
        }
        double[] v = byField.get(field.name());
        if (v == null) {
            throw new WellDataException(file, key + "/" + field.name(), "missing field '" + field.name()
                    + "' (the statistics list " + byField.keySet() + ")");
        }
        int expected = field.channelCount(dims);
        if (v.length != expected) {
            String kind = switch (field.order()) {
                case 0 -> "a number for scalar field";
                case 1 -> "a list of " + dims + " numbers for vector field";
                default -> "a " + dims + "x" + dims + " list for tensor field";
            };
            throw new WellDataException(file, key + "/" + field.name(), "expected " + kind + " '" + field.name()
                    + "', found " + v.length + " number(s)");
        }
        return v.clone();
    }

    /** The values under a key for every channel of a dataset, in channel order. */
    public double[] channelValues(String key, WellMetadata metadata) {
        double[] out = new double[metadata.channelCount()];
        int dims = metadata.spatialDims();
        for (FieldSpec f : metadata.fields()) {
            double[] v = values(key, f, dims);
            for (Channel c : metadata.channels()) {
                if (c.field().equals(f.name())) {
                    out[c.index()] = v[c.component(dims)];
                }
            }
        }
        return out;
    }

    /** The YAML text, in The Well's form (t1 values as lists, t2 values as nested lists). */
    public String toYaml(WellMetadata metadata) {
        ObjectMapper m = yaml();
        ObjectNode root = m.createObjectNode();
        int dims = metadata.spatialDims();
        for (String key : values.keySet()) {
            ObjectNode byField = root.putObject(key);
            for (FieldSpec f : metadata.fields()) {
                double[] v = values(key, f, dims);
                if (f.order() == 0) {
                    byField.put(f.name(), v[0]);
                } else if (f.order() == 1) {
                    ArrayNode a = byField.putArray(f.name());
                    for (double x : v) {
                        a.add(x);
                    }
                } else {
                    ArrayNode a = byField.putArray(f.name());
                    for (int i = 0; i < dims; i++) {
                        ArrayNode row = a.addArray();
                        for (int j = 0; j < dims; j++) {
                            row.add(v[i * dims + j]);
                        }
                    }
                }
            }
        }
        if (!transforms.isEmpty()) {
            ObjectNode t = root.putObject(TRANSFORMS);
            transforms.forEach((f, tr) -> t.put(f, tr.key()));
        }
        try {
            return m.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the statistics atomically; an existing file is replaced only if {@code overwrite}. */
    public void write(Path target, WellMetadata metadata, boolean overwrite) {
        String text = toYaml(metadata);
        AtomicFiles.write(target, overwrite, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
