package io.latentemu.examples.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the process's resident memory near a soft limit. ND4J frees a tensor's native memory only when the
 * garbage collector finds its Java object, and these objects are small: with a large heap, gigabytes of dead
 * tensors wait for a collection that the heap itself does not need. A daemon thread reads the resident set
 * size ({@code /proc/self/statm}) a few times a second and asks for a collection when it exceeds the limit
 * (at most once a second; when what survives a collection is itself near the limit, the next one waits until
 * the resident size has grown by half of it, up to twice the limit; the plain limit applies again once the
 * resident size falls below it). Does nothing where {@code /proc} is absent.
 */
public final class MemoryGuard {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);
    /** System property (bytes, or with a suffix K, M, G) overriding the limit; 0 disables the guard. */
    public static final String PROPERTY = "latentemu.memory.soft-limit";
    /** Default soft limit. */
    public static final long DEFAULT_LIMIT = 3L << 30;
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE = 4096;
    private static final long POLL_MS = 200;
    /** At most one collection per second: a full collection costs tens to hundreds of milliseconds. */
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    private static Thread thread;

    private MemoryGuard() {
    }

    /** Starts the guard once per process with the limit of {@link #PROPERTY} (default {@link #DEFAULT_LIMIT}). */
    public static synchronized void start() {
        if (thread != null || !Files.isReadable(STATM)) {
            return;
        }
        long limit = parse(System.getProperty(PROPERTY, Long.toString(DEFAULT_LIMIT)));
        if (limit <= 0) {
            return;
        }
        thread = new Thread(() -> watch(limit), "memory-guard");
        thread.setDaemon(true);
        thread.start();
        LOG.debug("memory guard: collections when resident memory exceeds {} MB", limit >> 20);
    }

    private static void watch(long limit) {
        long collections = 0;
        long threshold = limit;
        long lastCollection = System.nanoTime() - MIN_INTERVAL_NANOS;
        while (true) {
            try {
                Thread.sleep(POLL_MS);
                long rss = residentBytes();
                long now = System.nanoTime();
                if (rss < limit) {
                    threshold = limit; // what was live has gone: back to the plain limit
                }
                if (rss > threshold && now - lastCollection > MIN_INTERVAL_NANOS) {
                    System.gc();
                    lastCollection = System.nanoTime();
                    collections++;
                    // what survives a collection is live (or kept by malloc for reuse): collect again when the
                    // resident size has grown by half of it, but never let it run beyond twice the limit
                    long after = residentBytes();
                    threshold = Math.min(Math.max(limit, after + after / 2), 2 * limit);
                    if (collections % 50 == 1) {
                        LOG.debug("memory guard: collection {} took resident memory from {} MB to {} MB; next above {} MB",
                                collections, rss >> 20, after >> 20, threshold >> 20);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                return;
            }
        }
    }

    /** The resident set size now. */
    static long residentBytes() throws IOException {
        String[] f = Files.readString(STATM).trim().split("\\s+");
        return Long.parseLong(f[1]) * PAGE;
    }

    static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'K' -> 1L << 10;
                case 'M' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(t) * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + ": expected a size such as 3G or 512M, got '" + text + "'");
        }
    }
}
