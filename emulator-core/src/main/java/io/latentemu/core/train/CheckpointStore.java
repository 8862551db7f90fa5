package io.latentemu.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latentemu.core.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoints of a run, one directory per step: {@code step-000000100/} holding {@code state.json}
 * (step, counters, settings) and binary arrays ({@code parameters.bin}, {@code adam-m.bin},
 * {@code adam-v.bin}, {@code ema.bin}; ND4J's binary format, bit-exact).
 *
 * <p>A checkpoint is written into a temporary directory, every file forced to disk, then renamed to
 * its final name in one atomic step: a crash during a save leaves a {@code .tmp-} directory (removed
 * at the next start) and the previous checkpoints untouched. Only the newest {@code keep} are kept.
 */
public final class CheckpointStore {

    private static final String PREFIX = "step-";
    private static final String TMP_PREFIX = ".tmp-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Test hook: runs after each file of a save, so a test can simulate a crash mid-save. */
    @FunctionalInterface
    interface SaveHook {
        void afterFile(String name) throws IOException;
    }

    private final Path directory;
    private SaveHook hook = name -> { };

    /** Checkpoints in {@code directory} (created when needed). */
    public CheckpointStore(Path directory) {
        this.directory = directory;
    }

    void setSaveHook(SaveHook hook) {
        this.hook = hook;
    }

    /** Where the checkpoints live. */
    public Path directory() {
        return directory;
    }

    /** The directory of the newest complete checkpoint, if any. */
    public Optional<Path> latest() throws IOException {
        return complete().stream().max(Comparator.comparingLong(CheckpointStore::stepOf));
    }

    /** Removes what an interrupted save left behind. */
    public void removeIncomplete() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> s = Files.list(directory)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)).toList()) {
                deleteTree(p);
            }
        }
    }

    /**
     * Writes a checkpoint atomically and prunes old ones.
     *
     * @return the checkpoint's directory
     */
    public Path save(CheckpointState state, int keep) throws IOException {
        Files.createDirectories(directory);
        String name = String.format("%s%09d", PREFIX, state.step());
        Path target = directory.resolve(name);
        if (Files.exists(target)) {
            throw new IOException("checkpoint " + target + " already exists");
        }
        Path tmp = Files.createTempDirectory(directory, TMP_PREFIX + name + "-");
        ObjectNode json = JSON.createObjectNode();
        json.put("step", state.step());
        json.put("skipped", state.skipped());
        json.put("adam_updates", state.adamUpdates());
        json.set("config", JSON.valueToTree(state.config()));
        json.putPOJO("parameters", describe(state.parameters()));
        json.put("ema", state.ema() != null);
        writeFile(tmp.resolve("state.json"), out -> out.write(JSON.writeValueAsBytes(json)));
        writeArrays(tmp.resolve("parameters.bin"), state.parameters());
        writeArrays(tmp.resolve("adam-m.bin"), state.firstMoment());
        writeArrays(tmp.resolve("adam-v.bin"), state.secondMoment());
        if (state.ema() != null) {
            writeArrays(tmp.resolve("ema.bin"), state.ema());
        }
        AtomicFiles.syncDirectory(tmp);
        AtomicFiles.move(tmp, target);
        AtomicFiles.syncDirectory(directory);
        prune(keep);
        return target;
    }

    /** Reads a checkpoint directory. */
    public CheckpointState load(Path dir) throws IOException {
        Path stateFile = dir.resolve("state.json");
        JsonNode json;
        try {
            json = JSON.readTree(stateFile.toFile());
        } catch (IOException e) {
            throw new IOException("cannot read checkpoint state " + stateFile + ": " + e.getMessage(), e);
        }
        TrainerConfig config = JSON.treeToValue(json.get("config"), TrainerConfig.class);
        Map<String, INDArray> ema = json.path("ema").asBoolean() ? readArrays(dir.resolve("ema.bin")) : null;
        return new CheckpointState(json.get("step").asLong(), json.get("skipped").asLong(),
                json.get("adam_updates").asLong(), config, readArrays(dir.resolve("parameters.bin")),
                readArrays(dir.resolve("adam-m.bin")), readArrays(dir.resolve("adam-v.bin")), ema);
    }

    /** The step a checkpoint directory holds. */
    public static long stepOf(Path dir) {
        return Long.parseLong(dir.getFileName().toString().substring(PREFIX.length()));
    }

    private List<Path> complete() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+") && Files.isDirectory(p)).toList();
        }
    }

    private void prune(int keep) throws IOException {
        List<Path> all = new ArrayList<>(complete());
        all.sort(Comparator.comparingLong(CheckpointStore::stepOf));
        for (int i = 0; i < all.size() - keep; i++) {
            deleteTree(all.get(i));
        }
    }

    private static Map<String, String> describe(Map<String, INDArray> arrays) {
        Map<String, String> d = new LinkedHashMap<>();
        arrays.forEach((k, a) -> d.put(k, a.dataType() + java.util.Arrays.toString(a.shape())));
        return d;
    }

    private void writeArrays(Path file, Map<String, INDArray> arrays) throws IOException {
        writeFile(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(arrays.size());
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                data.writeUTF(e.getKey());
                Nd4j.write(e.getValue(), data);
            }
            data.flush();
        });
    }

    private void writeFile(Path file, AtomicFiles.Content content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             BufferedOutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
            content.writeTo(out);
            out.flush();
            ch.force(true);
        }
        hook.afterFile(file.getFileName().toString());
    }

    private static Map<String, INDArray> readArrays(Path file) throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream data = new DataInputStream(in)) {
            int n = data.readInt();
            for (int i = 0; i < n; i++) {
                String name = data.readUTF();
                out.put(name, Nd4j.read(data));
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read checkpoint arrays " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
