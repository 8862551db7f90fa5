package io.latentemu.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latentemu.core.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's JSON-lines log ({@code train-log.jsonl}): one object per step
 * ({@code step, loss, lr, grad_norm, skipped, time_s}) and one per event ({@code event}: start, resume,
 * checkpoint, end). On resume, lines of steps after the checkpoint (from the interrupted run) are
 * dropped, so the log describes the run that produced the weights.
 */
final class TrainingLog implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter out;
    private final long started = System.nanoTime();

    /** Opens the log for appending, after removing lines of steps &ge; {@code keepBefore}. */
    TrainingLog(Path file, long keepBefore) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    if (!node.has("step") || node.get("step").asLong() < keepBefore) {
                        kept.add(line);
                    }
                } catch (IOException e) {
                    // a line cut by a crash: drop it
                }
            }
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    Path file() {
        return file;
    }

    void step(StepRecord r) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("step", r.step());
        n.put("loss", r.loss());
        n.put("lr", r.learningRate());
        n.put("grad_norm", r.gradientNorm());
        n.put("skipped", r.skipped());
        n.put("time_s", elapsed());
        write(n);
    }

    void event(String event, long step, String detail) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("event", event);
        n.put("at_step", step);
        if (detail != null) {
            n.put("detail", detail);
        }
        n.put("time_s", elapsed());
        write(n);
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }

    private void write(ObjectNode n) throws IOException {
        out.write(JSON.writeValueAsString(n));
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
