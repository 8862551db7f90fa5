package io.latentemu.examples.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The peak resident memory of this process (heap, ND4J's off-heap tensors, native libraries), from Linux's
 * {@code /proc/self/status} ({@code VmHWM}); empty elsewhere.
 */
public final class PeakMemory {

    private PeakMemory() {
    }

    /** Peak resident set size in bytes, when the platform tells. */
    public static OptionalLong bytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return OptionalLong.empty();
    }
}
