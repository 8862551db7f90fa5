package io.latentemu.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChildJobs}: a failing child is reported with its job and command after the other jobs finished, and
 * children's output reaches the terminal with the job's prefix. (The quickstart test runs real jobs.)
 */
class ChildJobsTest {

    @TempDir
    Path dir;

    @Test
    void aFailingCommandNamesItsJobAndTheOthersStillRun() {
        StringWriter text = new StringWriter();
        PrintWriter terminal = new PrintWriter(text, true);
        String missing = dir.resolve("no-such-run").toString();
        List<ChildJobs.Job> jobs = List.of(
                new ChildJobs.Job("broken", List.of(List.of("evaluate", "--run", missing), List.of("--version"))),
                new ChildJobs.Job("fine", List.of(List.of("--version"))));
        IOException e = assertThrows(IOException.class, () -> ChildJobs.run(jobs, 1, terminal));
        assertTrue(e.getMessage().startsWith("broken: `evaluate` failed with exit code"), e.getMessage());
        assertTrue(!e.getMessage().contains("fine"), e.getMessage());
        String printed = text.toString();
        assertTrue(printed.contains("[fine] latent-emulator"), printed);
        assertTrue(printed.contains("[broken] ") && printed.contains("no-such-run"), printed);
        // the broken job stopped at its failing command: its --version never ran
        assertEquals(1, printed.split("latent-emulator", -1).length - 1, printed);
    }
}
