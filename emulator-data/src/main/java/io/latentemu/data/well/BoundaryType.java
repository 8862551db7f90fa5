package io.latentemu.data.well;

import java.util.Locale;

/** The kinds of boundary condition The Well records per axis ({@code bc_type}). */
public enum BoundaryType {
    /** The axis wraps around: the last cell neighbours the first. */
    PERIODIC,
    /** A solid wall (reflecting, no-slip or similar). */
    WALL,
    /** An open (outflow) boundary. */
    OPEN;

    /** Parses The Well's spelling ({@code "PERIODIC"}, {@code "WALL"}, {@code "OPEN"}), case-insensitively. */
    public static BoundaryType parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
