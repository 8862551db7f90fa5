package io.latentemu.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.latentemu.examples.cli.EmulatorCommand;
import io.latentemu.examples.pipeline.AutoencoderRunConfig;
import io.latentemu.examples.pipeline.ConfigFiles;
import io.latentemu.examples.pipeline.EmulationSpace;
import io.latentemu.examples.pipeline.EmulatorKind;
import io.latentemu.examples.pipeline.EmulatorRunConfig;
import io.latentemu.examples.pipeline.QuickstartConfig;
import io.latentemu.examples.study.StudyConfig;
import io.latentemu.models.backbone.VitConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docs/configuration.md shows the defaults exactly as the code has them (each {@code <!-- defaults: NAME -->}
 * block equals the YAML of the corresponding defaults), and its example files are valid configurations.
 */
class ConfigurationDocsTest {

    private static final Map<String, Object> DEFAULTS = Map.of(
            "autoencoder", AutoencoderRunConfig.defaults(),
            "emulator", EmulatorRunConfig.defaults(EmulatorKind.DIFFUSION, EmulationSpace.LATENT),
            "quickstart", QuickstartConfig.defaults(),
            "study", StudyConfig.preset("small"));

    private static final Map<String, Class<?>> EXAMPLES = Map.of(
            "autoencoder", AutoencoderRunConfig.class,
            "emulator", EmulatorRunConfig.class,
            "quickstart", QuickstartConfig.class,
            "study", StudyConfig.class);

    /**
     * Equal nodes, numbers compared by value: the code's tree holds {@code long} fields as long nodes, YAML
     * text reads back small integers as int nodes.
     */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    @Test
    void defaultsBlocksAreTheCodesDefaults() throws Exception {
        String doc = Files.readString(ApiSnippetsTest.repo().resolve("docs/configuration.md"));
        Map<String, String> blocks = ApiSnippetsTest.blocks(doc,
                Pattern.compile("<!-- defaults: ([a-z-]+) -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL));
        assertEquals(DEFAULTS.keySet(), blocks.keySet(), "a defaults block for each configuration");
        for (Map.Entry<String, Object> e : DEFAULTS.entrySet()) {
            JsonNode inDocs = ConfigFiles.yaml().readTree(blocks.get(e.getKey()));
            JsonNode inCode = ConfigFiles.yaml().valueToTree(e.getValue());
            assertTrue(inCode.equals(NUMBERS_BY_VALUE, inDocs),
                    "defaults of " + e.getKey() + " differ from the code's:\n" + ConfigFiles.toYaml(e.getValue()));
        }
    }

    @Test
    void exampleFilesAreValid() throws Exception {
        String doc = Files.readString(ApiSnippetsTest.repo().resolve("docs/configuration.md"));
        Map<String, String> blocks = ApiSnippetsTest.blocks(doc,
                Pattern.compile("<!-- example: ([a-z-]+) -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL));
        assertFalse(blocks.isEmpty());
        for (Map.Entry<String, String> e : blocks.entrySet()) {
            String kind = e.getKey().replaceAll("-.*", "");
            load(kind, e.getValue());
        }
    }

    /**
     * {@code --show-config} prints the configuration a file would give (defaults plus the file), in a form that
     * reads back as a configuration file: the backbone's type is a {@code type:} key, not a YAML tag.
     */
    @Test
    void showConfigPrintsAFileThatLoadsBackToTheSameConfiguration(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("em.yaml"), "backbone: {depth: 2}\nrollout: {ensemble: 3}\n");
        String r = showConfig("train-emulator", "--kind", "diffusion", "--space", "pixel",
                "--data", tmp.resolve("data").toString(), "--run", tmp.resolve("run").toString(),
                "--config", file.toString());
        assertTrue(r.contains("type: vit"), r);
        EmulatorRunConfig shown = ConfigFiles.yaml().readValue(r, EmulatorRunConfig.class);
        assertEquals(2, ((VitConfig) shown.backbone()).depth());
        assertEquals(16, ((VitConfig) shown.backbone()).patchSize(), "pixel-space default patch");
        assertEquals(3, shown.rollout().ensemble());
        assertEquals(tmp.resolve("data").toAbsolutePath().normalize().toString(), shown.dataset());
        assertFalse(Files.exists(tmp.resolve("run")), "--show-config makes no run directory");

        String q = showConfig("study");
        assertEquals(StudyConfig.preset("small"), ConfigFiles.yaml().readValue(q, StudyConfig.class));
    }

    /** Runs a command of {@code ./emulator} with {@code --show-config}; what it printed. */
    private static String showConfig(String... args) {
        CommandLine cli = EmulatorCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--show-config";
        assertEquals(0, cli.execute(all), err.toString());
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static <T> T load(String kind, String yaml) throws Exception {
        Class<T> type = (Class<T>) EXAMPLES.get(kind);
        return ConfigFiles.merge((T) DEFAULTS.get(kind), ConfigFiles.yaml().readTree(yaml), type, kind + " example");
    }
}
