package io.latentemu.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.examples.pipeline.RunDirectory.StageState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path tmp;

    record Cfg(int steps, String name) {
    }

    @Test
    void stagesGoFromFreshToInterruptedToDone() {
        RunDirectory run = RunDirectory.open(tmp.resolve("r"));
        assertEquals(StageState.NOT_STARTED, run.state("train"));
        assertTrue(run.shouldRun("train", false));
        run.markStarted("train", "autoencoder");
        assertEquals(StageState.INTERRUPTED, run.state("train"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run.shouldRun("train", false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        assertTrue(run.shouldRun("train", true));
        run.markDone("train", Map.of("vrmse", 0.05));
        assertFalse(run.shouldRun("train", true), "a finished stage is not redone");
        assertEquals(0.05, RunDirectory.existing(run.path()).summary("train").path("vrmse").asDouble());
    }

    @Test
    void anotherConfigurationIsRefusedTheSameOneAccepted() throws Exception {
        RunDirectory run = RunDirectory.open(tmp.resolve("r"));
        run.writeConfig("train", new Cfg(100, "a"));
        run.writeConfig("train", new Cfg(100, "a"));
        assertThrows(IllegalStateException.class, () -> run.writeConfig("train", new Cfg(200, "a")));
        assertEquals(new Cfg(100, "a"), run.readConfig("train", Cfg.class));
        assertTrue(Files.readString(run.file("train.yaml")).contains("steps: 100"));
    }

    @Test
    void existingNeedsARun() {
        assertThrows(IllegalArgumentException.class, () -> RunDirectory.existing(tmp));
    }
}
