package io.latentemu.examples.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;

/**
 * The directory of one run: its resolved configuration ({@code config.yaml}), its log ({@code log.txt}),
 * checkpoints, metrics, figures, and the state of each stage ({@code run.json}).
 *
 * <p>Stages make re-running safe: a finished stage is not redone, an interrupted one is continued only
 * when the user asks ({@code --resume}), and nothing already written is replaced without that request.
 */
public final class RunDirectory {

    /** State of a stage of a run. */
    public enum StageState { NOT_STARTED, INTERRUPTED, DONE }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID));

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** Opens (creating if needed) the run directory {@code dir}. */
    public static RunDirectory open(Path dir) {
        try {
            Files.createDirectories(dir);
            return new RunDirectory(dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir, e);
        }
    }

    /** Opens an existing run directory, failing with a clear message when there is none. */
    public static RunDirectory existing(Path dir) {
        if (!Files.isRegularFile(dir.resolve("run.json"))) {
            throw new IllegalArgumentException("no run in " + dir + " (run.json missing): run the training command first");
        }
        return new RunDirectory(dir.toAbsolutePath().normalize());
    }

    /** The directory itself. */
    public Path path() {
        return dir;
    }

    /** A sub-directory, created on demand ({@code checkpoints}, {@code metrics}, {@code figures}, ...). */
    public Path subdir(String name) {
        Path p = dir.resolve(name);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p, e);
        }
        return p;
    }

    /** A file of the run (not created). */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The state of a stage, from run.json. */
    public StageState state(String stage) {
        JsonNode s = readStatus().path("stages").path(stage);
        if (s.isMissingNode()) {
            return StageState.NOT_STARTED;
        }
        return s.path("done").asBoolean(false) ? StageState.DONE : StageState.INTERRUPTED;
    }

    /**
     * Decides whether a stage should run, and says why not. Returns true when it must run (fresh, or
     * interrupted and {@code resume}); false when it is done; throws when it was interrupted and the
     * user did not ask to resume.
     */
    public boolean shouldRun(String stage, boolean resume) {
        return switch (state(stage)) {
            case NOT_STARTED -> true;
            case DONE -> false;
            case INTERRUPTED -> {
                if (!resume) {
                    throw new IllegalStateException("stage '" + stage + "' of run " + dir
                            + " was started but did not finish: pass --resume to continue it, or choose another --run");
                }
                yield true;
            }
        };
    }

    /** Records that a stage started (with its kind, e.g. "autoencoder"). */
    public void markStarted(String stage, String kind) {
        ObjectNode status = readStatus();
        ObjectNode s = ((ObjectNode) status.with("stages")).putObject(stage);
        s.put("kind", kind);
        s.put("started", Instant.now().toString());
        s.put("done", false);
        writeStatus(status);
    }

    /** Records that a stage finished, with a summary of its results (figures shown by {@code report}). */
    public void markDone(String stage, Map<String, ?> summary) {
        ObjectNode status = readStatus();
        ObjectNode s = (ObjectNode) status.with("stages").with(stage);
        s.put("done", true);
        s.put("finished", Instant.now().toString());
        s.set("summary", JSON.valueToTree(summary));
        writeStatus(status);
    }

    /** The summary a finished stage recorded (empty node when none). */
    public JsonNode summary(String stage) {
        return readStatus().path("stages").path(stage).path("summary");
    }

    /**
     * Writes the resolved configuration of a stage as {@code <stage>.yaml}. When the file exists with a
     * different content, the run was made with another configuration: that is refused rather than
     * silently mixing two configurations in one run.
     */
    public void writeConfig(String stage, Object config) {
        Path target = dir.resolve(stage + ".yaml");
        try {
            String text = YAML.writeValueAsString(config);
            if (Files.exists(target)) {
                String old = Files.readString(target);
                if (!YAML.readTree(old).equals(YAML.readTree(text))) {
                    throw new IllegalStateException("run " + dir + " was made with another configuration (" + target
                            + "); use a new --run directory, or the same configuration to resume");
                }
                return;
            }
            writeAtomically(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Reads a configuration written by {@link #writeConfig}. */
    public <T> T readConfig(String stage, Class<T> type) {
        Path source = dir.resolve(stage + ".yaml");
        try {
            return YAML.readValue(source.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + source, e);
        }
    }

    /** Writes a text file of the run under a temporary name, then moves it into place. */
    public static void writeAtomically(Path target, String text) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ObjectNode readStatus() {
        Path f = dir.resolve("run.json");
        try {
            return Files.exists(f) ? (ObjectNode) JSON.readTree(f.toFile()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private void writeStatus(ObjectNode status) {
        try {
            writeAtomically(dir.resolve("run.json"), JSON.writeValueAsString(status));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("run.json"), e);
        }
    }
}
