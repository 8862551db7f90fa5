package io.latentemu.data;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code /usr/bin/python3} with h5py for interoperability tests; skips them where h5py is missing. */
public final class H5py {

    private static final String PYTHON = "/usr/bin/python3";
    private static Boolean available;

    private H5py() {
    }

    /** Result of a Python run. */
    public record Result(int exitCode, String output) {
    }

    /** Skips the calling test with a message when h5py cannot be imported. */
    public static synchronized void assumeAvailable() {
        if (available == null) {
            available = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import h5py, numpy")).exitCode == 0;
        }
        Assumptions.assumeTrue(available, "skipped: " + PYTHON + " with h5py and numpy is not installed "
                + "(Debian: apt-get install python3-h5py)");
    }

    /** Runs a Python script from the test resources with arguments. */
    public static Result script(String resource, String... args) {
        Path script;
        try {
            script = Path.of(H5py.class.getResource(resource).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + resource, e);
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    /** Runs inline Python code. */
    public static Result code(String code, String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", code));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static Result run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
