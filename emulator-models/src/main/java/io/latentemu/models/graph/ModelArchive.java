package io.latentemu.models.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.latentemu.models.nn.CustomOps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * One file per trained model: a zip holding {@value #CARD_ENTRY} (the {@link ModelCard}, JSON) and
 * {@value #GRAPH_ENTRY} (the SameDiff graph with its parameters, FlatBuffers, as {@code SameDiff.save} writes
 * it). The graph alone suffices to run the model, so models built from custom networks load without their
 * Java classes. Files are written under a temporary name and moved into place, so a crash never leaves a
 * half-written model behind.
 */
public final class ModelArchive {

    /** Zip entry of the card. */
    public static final String CARD_ENTRY = "card.json";
    /** Zip entry of the graph. */
    public static final String GRAPH_ENTRY = "graph.fb";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelArchive() {
    }

    /** The JSON mapper used for cards and specs. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Writes a model file (atomically replacing {@code path}). */
    public static void write(Path path, ModelCard card, SameDiff graph) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(CARD_ENTRY));
                zip.write(JSON.writeValueAsBytes(card));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(GRAPH_ENTRY));
                // SameDiff closes the stream it is given: write to memory first
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                graph.save(bytes, false);
                bytes.writeTo(zip);
                zip.closeEntry();
            }
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads the card only (cheap: the graph is skipped). */
    public static ModelCard readCard(Path path) throws IOException {
        return read(path, false).card();
    }

    /** Reads card and graph. */
    public static Contents read(Path path) throws IOException {
        return read(path, true);
    }

    private static Contents read(Path path, boolean withGraph) throws IOException {
        ModelCard card = null;
        SameDiff graph = null;
        try (InputStream in = Files.newInputStream(path); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(CARD_ENTRY)) {
                    card = JSON.readValue(zip.readAllBytes(), ModelCard.class);
                } else if (e.getName().equals(GRAPH_ENTRY) && withGraph) {
                    CustomOps.register(); // the project's op names must be known before the graph is read
                    graph = SameDiff.load(new ByteArrayInputStream(zip.readAllBytes()), false);
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(path + ": not a model file (expected a zip with " + CARD_ENTRY + " and "
                    + GRAPH_ENTRY + "): " + e.getMessage(), e);
        }
        if (card == null) {
            throw new IOException(path + ": no " + CARD_ENTRY + " entry; not a model file");
        }
        if (card.formatVersion() > ModelCard.FORMAT_VERSION) {
            throw new IOException(path + ": " + CARD_ENTRY + " has format version " + card.formatVersion()
                    + ", this library reads up to " + ModelCard.FORMAT_VERSION);
        }
        if (withGraph && graph == null) {
            throw new IOException(path + ": no " + GRAPH_ENTRY + " entry; the model's graph is missing");
        }
        return new Contents(card, graph);
    }

    /**
     * What a model file holds.
     *
     * @param card  the card
     * @param graph the graph, or null when only the card was read
     */
    public record Contents(ModelCard card, SameDiff graph) {

        /** Fails unless the file holds a model of the expected kind. */
        public Contents expectKind(Path path, String kind) throws IOException {
            if (!card.kind().equals(kind)) {
                throw new IOException(path + ": " + CARD_ENTRY + " says kind '" + card.kind() + "', expected '" + kind + "'");
            }
            return this;
        }
    }
}
