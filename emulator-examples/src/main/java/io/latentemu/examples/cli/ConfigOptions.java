package io.latentemu.examples.cli;

import io.latentemu.examples.pipeline.ConfigFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The configuration options of the commands that train ({@code --config FILE}, {@code --show-config}), as a
 * picocli mixin: the file is laid over the command's defaults, and {@code --show-config} prints the result.
 */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with the keys to change (docs/configuration.md)")
    Path config;

    @Option(names = "--show-config", description = "print the resolved configuration (YAML) and exit")
    boolean showConfig;

    /** The configuration file laid over {@code defaults} ({@code defaults} alone without {@code --config}). */
    public <T> T load(T defaults, Class<T> type) {
        return ConfigFiles.load(config, defaults, type);
    }

    /** The file given with {@code --config}, or null. */
    public Path file() {
        return config;
    }

    /**
     * With {@code --show-config}: prints {@code resolved} as YAML and returns true (the command then stops).
     */
    public boolean shown(Object resolved, PrintWriter out) {
        if (!showConfig) {
            return false;
        }
        out.print(ConfigFiles.toYaml(resolved));
        out.flush();
        return true;
    }
}
