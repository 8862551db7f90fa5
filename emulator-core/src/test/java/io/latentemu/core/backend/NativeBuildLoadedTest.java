package io.latentemu.core.backend;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.core.backend.BackendSelector.BackendChoice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The native library JavaCPP actually loaded is the build the selector chose (not the first jar found). */
class NativeBuildLoadedTest {

    @Test
    void loadedLibraryComesFromTheChosenClassifierJar() {
        BackendChoice choice = BackendSelector.configure();
        Nd4j.create(2); // loads the backend
        String path = BackendSelector.loadedNativeLibrary().orElse(null);
        assertNotNull(path, "jnind4jcpu not loaded");
        String dir = "bindings/linux-x86_64" + choice.extension() + "/";
        assertTrue(path.contains(dir), "expected a library under " + dir + " but loaded " + path);
    }

    /** Forcing the plain build loads the library without oneDNN, although oneDNN builds sit on the class path. */
    @Test
    void plainOverrideLoadsThePlainBuild() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Dlatentemu.backend=plain",
                "-cp", System.getProperty("java.class.path"), LoadedBuildProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String loaded = output.lines().filter(l -> l.startsWith("LOADED ")).findFirst().orElse("");
        assertTrue(loaded.contains("bindings/linux-x86_64/"), "expected the plain build, child printed:\n" + output);
    }
}
