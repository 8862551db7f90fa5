package io.latentemu.data.sim;

import java.nio.file.Path;

/**
 * Told how a dataset generation progresses. Methods may be called from several worker threads at once;
 * implementations must be thread-safe and quick (throttle any printing).
 */
public interface GenerationListener {

    /** A listener that ignores everything. */
    GenerationListener NONE = new GenerationListener() { };

    /** The plan: files to write, files already complete (kept from an earlier run), frames to simulate. */
    default void started(int filesToWrite, int filesKept, long framesToSimulate) {
    }

    /** {@code done} of {@code total} frames are simulated. */
    default void framesDone(long done, long total) {
    }

    /** A file was written under its final name. */
    default void fileWritten(Path file) {
    }

    /** The statistics over the train split were written. */
    default void statsWritten(Path file) {
    }
}
