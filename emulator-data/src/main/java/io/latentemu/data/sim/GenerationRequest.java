package io.latentemu.data.sim;

import io.latentemu.data.write.WriteOptions;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link DatasetGenerator} should produce: where, how many trajectories per split, from which seed,
 * on how many threads and in which storage layout.
 *
 * @param output       dataset directory; files go to {@code output/data/<split>/}, statistics to
 *                     {@code output/stats.yaml}
 * @param train        trajectories of the train split, at least 1 (the statistics are computed over it)
 * @param valid        trajectories of the valid split
 * @param test         trajectories of the test split
 * @param seed         master seed; each trajectory's seed derives from it, its split and its index
 * @param threads      trajectories simulated at once
 * @param writeOptions storage layout of the files (never overwriting: a resumed run reuses complete files)
 */
public record GenerationRequest(Path output, int train, int valid, int test, long seed, int threads,
                                WriteOptions writeOptions) {

    public GenerationRequest {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(writeOptions, "writeOptions");
        if (train < 1 || valid < 0 || test < 0) {
            throw new IllegalArgumentException("need train >= 1, valid >= 0, test >= 0 trajectories, got "
                    + train + ", " + valid + ", " + test);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (writeOptions.overwrite()) {
            throw new IllegalArgumentException("generation never overwrites files; use a fresh output directory");
        }
    }

    /** A request on all available processors, contiguous storage. */
    public static GenerationRequest of(Path output, int train, int valid, int test, long seed) {
        return new GenerationRequest(output, train, valid, test, seed, Runtime.getRuntime().availableProcessors(),
                WriteOptions.contiguous());
    }

    public GenerationRequest withThreads(int value) {
        return new GenerationRequest(output, train, valid, test, seed, value, writeOptions);
    }

    public GenerationRequest withWriteOptions(WriteOptions value) {
        return new GenerationRequest(output, train, valid, test, seed, threads, value);
    }

    /** Trajectories over all splits. */
    public int total() {
        return train + valid + test;
    }
}
