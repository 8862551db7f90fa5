package io.latentemu.data.well;

import io.latentemu.data.WellDataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one split ({@code train}, {@code valid}, {@code test}) opened together, in file-name order.
 * All files share grid, axes, channels and simulation parameters (checked when the split opens).
 */
public final class WellSplit implements AutoCloseable {

    private final String name;
    private final List<WellFile> files;

    private WellSplit(String name, List<WellFile> files) {
        this.name = name;
        this.files = List.copyOf(files);
    }

    /**
     * Opens the {@code .hdf5} / {@code .h5} files of a directory, sorted by name.
     *
     * @throws WellDataException if the directory holds no such file, or files differ in layout
     */
    public static WellSplit openDirectory(String name, Path directory) {
        List<Path> paths;
        try (Stream<Path> s = Files.list(directory)) {
            paths = s.filter(Files::isRegularFile).filter(WellSplit::isHdf5Name)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new WellDataException(directory, null, "cannot list split '" + name + "': " + e.getMessage(), e);
        }
        if (paths.isEmpty()) {
            throw new WellDataException(directory, null, "split '" + name + "' holds no .hdf5 or .h5 file");
        }
        return open(name, paths);
    }

    /** Opens the given files as one split, in the given order. */
    public static WellSplit open(String name, List<Path> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("split '" + name + "' has no files");
        }
        List<WellFile> opened = new ArrayList<>();
        try {
            for (Path p : paths) {
                WellFile f = WellFile.open(p);
                opened.add(f);
                WellMetadata first = opened.get(0).metadata();
                Optional<String> diff = f.metadata().layoutDifference(first);
                if (diff.isPresent()) {
                    throw new WellDataException(f.path(), "/", "cannot share split '" + name + "' with "
                            + opened.get(0).path().getFileName() + ": " + diff.get());
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(WellFile::close);
            throw e;
        }
        return new WellSplit(name, opened);
    }

    static boolean isHdf5Name(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return (n.endsWith(".hdf5") || n.endsWith(".h5")) && !n.startsWith(".");
    }

    public String name() {
        return name;
    }

    public List<WellFile> files() {
        return files;
    }

    /** Metadata of the first file; grid, channels and parameters hold for every file of the split. */
    public WellMetadata metadata() {
        return files.get(0).metadata();
    }

    /** Trajectories over all files. */
    public int trajectories() {
        int n = 0;
        for (WellFile f : files) {
            n += f.trajectories();
        }
        return n;
    }

    @Override
    public void close() {
        files.forEach(WellFile::close);
    }

    @Override
    public String toString() {
        return "WellSplit[" + name + ", " + files.size() + " files]";
    }
}
