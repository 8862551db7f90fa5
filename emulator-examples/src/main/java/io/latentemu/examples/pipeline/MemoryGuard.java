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
 * size ({@code /proc/self/statm}) a few times a second and asks for a collection when it exceeds the limit.
 * Does nothing where {@code /proc} is absent.
 */
public final class MemoryGuard {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);
    /** System property (bytes, or with a suffix K, M, G) overriding the limit; 0 disables the guard. */
    public static final String PROPERTY = "latentemu.memory.soft-limit";
    /** Default soft limit. */
    public static final long DEFAULT_LIMIT = 3L << 30;
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE = 4096;
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
        while (true) {
            try {
                Thread.sleep(250);
                long rss = residentBytes();
                if (rss > limit) {
                    System.gc();
                    collections++;
                    if (collections % 100 == 1) {
                        LOG.debug("memory guard: resident {} MB above {} MB, collection {} ", rss >> 20, limit >> 20,
                                collections);
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
