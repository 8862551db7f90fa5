package io.latentemu.core.backend;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.core.backend.BackendSelector.BackendChoice;
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
}
