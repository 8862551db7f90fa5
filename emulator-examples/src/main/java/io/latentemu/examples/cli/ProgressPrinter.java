package io.latentemu.examples.cli;

import io.latentemu.data.sim.GenerationListener;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Prints the progress of a dataset generation: a line every few seconds, and one per file written. */
final class ProgressPrinter implements GenerationListener {

    private static final long INTERVAL_NANOS = 3_000_000_000L;

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private int files;
    private int filesToWrite;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void started(int filesToWrite, int filesKept, long framesToSimulate) {
        this.filesToWrite = filesToWrite;
        if (filesKept > 0) {
            out.printf("resuming: %d complete files kept, %d to write%n", filesKept, filesToWrite);
        }
        out.flush();
    }

    @Override
    public void framesDone(long done, long total) {
        long now = System.nanoTime();
        synchronized (this) {
            if (now - lastPrint < INTERVAL_NANOS || done == total) {
                return;
            }
            lastPrint = now;
            double elapsed = (now - start) / 1e9;
            double left = elapsed * (total - done) / done;
            out.printf("  %d/%d frames (%.0f%%), %d/%d files, %.0f s elapsed, ~%.0f s left%n",
                    done, total, 100.0 * done / total, files, filesToWrite, elapsed, left);
            out.flush();
        }
    }

    @Override
    public synchronized void fileWritten(Path file) {
        files++;
        out.printf("  wrote %s (%d/%d)%n", file.getFileName(), files, filesToWrite);
        out.flush();
    }

    @Override
    public synchronized void statsWritten(Path file) {
        out.printf("  wrote %s%n", file);
        out.flush();
    }
}
