package io.latentemu.core.backend;

import org.nd4j.linalg.factory.Nd4j;

/** Run in a child JVM by {@link NativeBuildLoadedTest}: selects, loads ND4J and prints the library's path. */
public final class LoadedBuildProbe {

    private LoadedBuildProbe() {
    }

    public static void main(String[] args) {
        BackendSelector.configure();
        Nd4j.create(2);
        System.out.println("LOADED " + BackendSelector.loadedNativeLibrary().orElse("none"));
    }
}
