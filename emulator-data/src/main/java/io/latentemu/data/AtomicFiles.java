package io.latentemu.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file under a temporary name beside its target and moves it into place atomically, so a crash
 * never leaves a half-written file under the final name, and an existing file is never replaced unless the
 * caller asks for it.
 */
public final class AtomicFiles {

    /** Writes the content of a file given its (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} through {@code writer}.
     *
     * @param overwrite whether an existing target may be replaced; when false an existing target is an error
     *                  and is left untouched
     * @throws WellDataException if the target exists and {@code overwrite} is false
     * @throws UncheckedIOException if writing or moving fails (the temporary file is removed)
     */
    public static void write(Path target, boolean overwrite, Writer writer) {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute)) {
            throw new WellDataException(absolute, null, "already exists; not overwritten (choose another path or allow overwriting)");
        }
        Path parent = absolute.getParent();
        Path temporary = parent.resolve("." + absolute.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(parent);
            writer.write(temporary);
            if (!overwrite && Files.exists(absolute)) {
                throw new WellDataException(absolute, null, "appeared while it was being written; not overwritten");
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + absolute + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the temporary name starts with a dot and carries a random suffix: harmless if left behind
            }
        }
    }
}
