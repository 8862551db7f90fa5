package io.latentemu.core.backend;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Selects the ND4J native build once per test JVM, before any test touches ND4J, exactly as the
 * applications do. Registered through {@code META-INF/services}; modules above core get it from
 * core's test-jar.
 */
public class BackendTestSetup implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BackendSelector.configure();
    }
}
