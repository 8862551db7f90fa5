package io.latentemu.data;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Bad input to the data layer: a file that does not follow The Well's layout, a missing or malformed
 * statistics entry, a request outside a trajectory. The message names the file, the path inside it
 * (an HDF5 path such as {@code /t0_fields/density}, or a key of {@code stats.yaml}) and what was expected.
 */
public class WellDataException extends RuntimeException {

    private final transient Path file;
    private final String location;

    /**
     * @param file     the file at fault (may be null when no file is involved)
     * @param location the path inside the file (HDF5 path or YAML key; may be null)
     * @param problem  what was found and what was expected
     */
    public WellDataException(Path file, String location, String problem) {
        this(file, location, problem, null);
    }

    public WellDataException(Path file, String location, String problem, Throwable cause) {
        super(format(file, location, problem), cause);
        this.file = file;
        this.location = location;
    }

    private static String format(Path file, String location, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(": ");
        }
        if (location != null && !location.isEmpty()) {
            sb.append(location).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The file at fault, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The HDF5 path or YAML key at fault, if any. */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }
}
