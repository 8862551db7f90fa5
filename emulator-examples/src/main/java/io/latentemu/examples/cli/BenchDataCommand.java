package io.latentemu.examples.cli;

import io.latentemu.data.bench.DataBenchmark;
import io.latentemu.data.write.WriteOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code ./emulator bench data}: reading speed from a chunked gzip file and peak memory while windowing a
 * file several times larger than the heap (in a child JVM with a small -Xmx). The file is deleted afterwards.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Data layer benchmark: writes a synthetic file several times larger than a small heap, "
                + "then reads it in a child JVM limited to that heap.",
                "Prints states/s, windows/s and MB/s, and the peak heap and resident memory. The file is deleted."})
public final class BenchDataCommand implements Callable<Integer> {

    /** Storage layouts offered. */
    enum Layout { gzip, chunked, contiguous }

    @Option(names = "--size-mb", defaultValue = "640", description = "decoded size of the file, MB (default ${DEFAULT-VALUE})")
    int sizeMb;

    @Option(names = "--heap-mb", defaultValue = "96", description = "-Xmx of the reading JVM, MB (default ${DEFAULT-VALUE})")
    int heapMb;

    @Option(names = "--resolution", defaultValue = "128", description = "grid points per axis (default ${DEFAULT-VALUE})")
    int resolution;

    @Option(names = "--layout", defaultValue = "gzip",
            description = "gzip (level 1 + shuffle, one chunk per state), chunked or contiguous (default ${DEFAULT-VALUE})")
    Layout layout;

    @Option(names = "--seconds", defaultValue = "20", description = "time spent drawing training batches (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--dir", description = "where the temporary file goes (default: the system temporary directory)")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        WriteOptions options = switch (layout) {
            case gzip -> WriteOptions.gzip(1);
            case chunked -> WriteOptions.chunked();
            case contiguous -> WriteOptions.contiguous();
        };
        Path where = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"));
        DataBenchmark.run(new DataBenchmark.Options(where, sizeMb, heapMb, resolution, options, seconds),
                spec.commandLine().getOut());
        return 0;
    }
}
