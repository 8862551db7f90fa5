package io.latentemu.data.write;

/**
 * How {@link WellWriter} stores field values.
 *
 * @param layout       contiguous (one run of bytes per field, fastest to read) or chunked (one chunk per state
 *                     of a trajectory, {@code [1, 1, H, W(, D), comps...]}, required for compression)
 * @param deflateLevel gzip level 1-9 for chunked storage, 0 for none
 * @param shuffle      whether to apply HDF5's byte-shuffle filter before gzip (helps float data compress)
 * @param overwrite    whether an existing file may be replaced (it is never replaced otherwise)
 */
public record WriteOptions(Layout layout, int deflateLevel, boolean shuffle, boolean overwrite) {

    /** Storage layout of field datasets. */
    public enum Layout { CONTIGUOUS, CHUNKED }

    public WriteOptions {
        if (layout == null) {
            throw new IllegalArgumentException("layout must be given");
        }
        if (deflateLevel < 0 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be 0 (none) to 9, got " + deflateLevel);
        }
        if (layout == Layout.CONTIGUOUS && (deflateLevel > 0 || shuffle)) {
            throw new IllegalArgumentException("compression and shuffling need the chunked layout");
        }
    }

    /** Contiguous storage, no compression, never overwrite: the default. */
    public static WriteOptions contiguous() {
        return new WriteOptions(Layout.CONTIGUOUS, 0, false, false);
    }

    /** One chunk per state, no compression. */
    public static WriteOptions chunked() {
        return new WriteOptions(Layout.CHUNKED, 0, false, false);
    }

    /** One chunk per state, byte shuffle then gzip at the given level (1-9). */
    public static WriteOptions gzip(int level) {
        if (level < 1) {
            throw new IllegalArgumentException("gzip level must be 1 to 9, got " + level);
        }
        return new WriteOptions(Layout.CHUNKED, level, true, false);
    }

    public WriteOptions withOverwrite(boolean allow) {
        return new WriteOptions(layout, deflateLevel, shuffle, allow);
    }
}
