package io.latentemu.data.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The simulators that ship with the library, by the names the command line uses, with their
 * configuration records: defaults, overrides from a JSON/YAML tree, and a simulator built from a
 * configuration.
 */
public enum BuiltInSimulator {
    /** Euler multi-quadrant Riemann problems ({@link EulerSimulator}). */
    EULER("euler", EulerConfig.class, EulerConfig::defaults, c -> new EulerSimulator((EulerConfig) c)),
    /** Kolmogorov flow ({@link NavierStokesSimulator}). */
    NAVIER_STOKES("navier-stokes", NavierStokesConfig.class, NavierStokesConfig::defaults,
            c -> new NavierStokesSimulator((NavierStokesConfig) c)),
    /** Gray-Scott reaction-diffusion ({@link GrayScottSimulator}). */
    GRAY_SCOTT("gray-scott", GrayScottConfig.class, GrayScottConfig::defaults,
            c -> new GrayScottSimulator((GrayScottConfig) c));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String cliName;
    private final Class<?> configType;
    private final Supplier<Object> defaults;
    private final Function<Object, Simulator> factory;

    BuiltInSimulator(String cliName, Class<?> configType, Supplier<Object> defaults, Function<Object, Simulator> factory) {
        this.cliName = cliName;
        this.configType = configType;
        this.defaults = defaults;
        this.factory = factory;
    }

    /** The name on the command line: {@code euler}, {@code navier-stokes}, {@code gray-scott}. */
    public String cliName() {
        return cliName;
    }

    /** The configuration record's class. */
    public Class<?> configType() {
        return configType;
    }

    /** The default configuration. */
    public Object defaults() {
        return defaults.get();
    }

    /** The simulator for a configuration of {@link #configType()}. */
    public Simulator create(Object config) {
        if (!configType.isInstance(config)) {
            throw new IllegalArgumentException(cliName + " needs a " + configType.getSimpleName() + ", got "
                    + (config == null ? "null" : config.getClass().getSimpleName()));
        }
        return factory.apply(config);
    }

    /**
     * The defaults with the fields of {@code overrides} laid over them (nested objects merge field by
     * field, anything else replaces), validated by the record's constructor.
     *
     * @throws IllegalArgumentException naming the offending field if a field is unknown or a value invalid
     */
    public Object configure(JsonNode overrides) {
        ObjectNode merged = JSON.valueToTree(defaults());
        if (overrides != null && !overrides.isNull()) {
            if (!overrides.isObject()) {
                throw new IllegalArgumentException(cliName + " configuration must be an object of fields, got " + overrides);
            }
            merge(merged, (ObjectNode) overrides);
        }
        try {
            return JSON.treeToValue(merged, configType);
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String reason = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException(cliName + " configuration: " + reason, e);
        }
    }

    private static void merge(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode current = target.get(e.getKey());
            if (current instanceof ObjectNode c && e.getValue() instanceof ObjectNode o) {
                merge(c, o);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    /** The simulator named {@code name} on the command line (case-insensitive). */
    public static BuiltInSimulator byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (BuiltInSimulator s : values()) {
            if (s.cliName.equals(wanted)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown simulator '" + name + "'; choose one of "
                + Arrays.stream(values()).map(BuiltInSimulator::cliName).toList());
    }
}
