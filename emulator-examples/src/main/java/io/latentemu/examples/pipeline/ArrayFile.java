package io.latentemu.examples.pipeline;

import io.latentemu.core.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A file of named ND4J arrays (ND4J's binary format, bit-exact), written atomically: cached latents,
 * emulated trajectories, decoded snapshots.
 */
public final class ArrayFile {

    private static final int MAGIC = 0x4c454172; // "LEAr"

    private ArrayFile() {
    }

    /** Writes the arrays (null values are skipped) under a temporary name, then moves the file into place. */
    public static void write(Path file, Map<String, INDArray> arrays) throws IOException {
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            data.writeInt(MAGIC);
            long n = arrays.values().stream().filter(java.util.Objects::nonNull).count();
            data.writeInt((int) n);
            for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                if (e.getValue() != null) {
                    data.writeUTF(e.getKey());
                    Nd4j.write(e.getValue(), data);
                }
            }
            data.flush();
        });
    }

    /** Reads every array of a file written by {@link #write}. */
    public static Map<String, INDArray> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != MAGIC) {
                throw new IOException(file + ": not an array file of the pipeline");
            }
            int n = data.readInt();
            for (int i = 0; i < n; i++) {
                String name = data.readUTF();
                out.put(name, Nd4j.read(data));
            }
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": cannot read arrays: " + e.getMessage(), e);
        }
        return out;
    }

    /** One named array of a file, failing clearly when it is missing. */
    public static INDArray require(Map<String, INDArray> arrays, String name, Path file) throws IOException {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IOException(file + ": no array '" + name + "' (has " + arrays.keySet() + ")");
        }
        return a;
    }
}
