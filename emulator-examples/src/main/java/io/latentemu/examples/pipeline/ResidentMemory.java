package io.latentemu.examples.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory (heap, ND4J's off-heap tensors, native libraries) from Linux's {@code /proc/PID/status}:
 * the peak of this process ({@code VmHWM}) and the current size of any process ({@code VmRSS}); nothing
 * elsewhere.
 */
public final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Peak resident set size of this process in bytes, when the platform tells. */
    public static OptionalLong peakOfThisProcess() {
        return field("self", "VmHWM:");
    }

    /** Current resident set size of a process in bytes; 0 when it has ended or the platform does not tell. */
    public static long current(ProcessHandle process) {
        return field(Long.toString(process.pid()), "VmRSS:").orElse(0L);
    }

    private static OptionalLong field(String pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process has ended
        }
        return OptionalLong.empty();
    }
}
