package io.latentemu.examples.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the YAML configuration files of the pipeline: a file names only what it changes, and is laid over
 * the documented defaults (objects merge key by key, lists and values replace; a mapping whose {@code type}
 * differs from the default's replaces it whole). Unknown or repeated keys and invalid values are errors that
 * name the file and the key.
 */
public final class ConfigFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigFiles() {
    }

    /** The mapper used for configuration files. */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /**
     * The configuration of {@code file} laid over {@code defaults}; {@code defaults} alone when {@code file}
     * is null.
     */
    public static <T> T load(Path file, T defaults, Class<T> type) {
        if (file == null) {
            return defaults;
        }
        JsonNode overrides;
        try {
            overrides = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + file, e);
        }
        return merge(defaults, overrides, type, file.toString());
    }

    /**
     * {@code overrides} laid over {@code defaults}.
     *
     * @param source named in error messages (a file name, "--set")
     */
    public static <T> T merge(T defaults, JsonNode overrides, Class<T> type, String source) {
        JsonNode base = YAML.valueToTree(defaults);
        if (overrides != null && !overrides.isNull() && !overrides.isMissingNode()) {
            if (!overrides.isObject()) {
                throw new IllegalArgumentException(source + ": expected a mapping of configuration keys, got "
                        + overrides.getNodeType());
            }
            deepMerge((ObjectNode) base, (ObjectNode) overrides);
        }
        try {
            return YAML.treeToValue(base, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new IllegalArgumentException(source + ": unknown key '" + path(e) + "' (known here: " + known + ")", e);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                    ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException(source + ": " + path(e) + ": " + message, e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A configuration as YAML text (the resolved form written into run directories). */
    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write configuration " + config, e);
        }
    }

    /** Sets {@code value} (YAML text) at a dotted key of {@code root}, creating intermediate mappings. */
    public static void set(ObjectNode root, String dottedKey, String value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        try {
            node.set(parts[parts.length - 1], YAML.readTree(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value of " + dottedKey + " is not valid YAML: " + value, e);
        }
    }

    private static void deepMerge(ObjectNode base, ObjectNode overrides) {
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = base.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue() instanceof ObjectNode n && sameType(o, n)) {
                deepMerge(o, n);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** A mapping that names another {@code type} (e.g. a U-Net backbone instead of a ViT) replaces the default. */
    private static boolean sameType(ObjectNode base, ObjectNode override) {
        return !override.has("type") || override.get("type").equals(base.get("type"));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
