package io.latentemu.data.well;

import io.latentemu.data.WellDataException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dataset in The Well's layout: a directory holding {@code stats.yaml} and
 * {@code data/{train,valid,test}/*.hdf5} (or {@code .h5}), or a single file. A single file forms one split
 * named {@value #SINGLE_FILE_SPLIT}; when it sits in {@code <dataset>/data/<split>/}, the dataset's
 * {@code stats.yaml} is used.
 *
 * <p>Splits are opened on first use and closed with the dataset.
 */
public final class WellDataset implements AutoCloseable {

    /** The splits of The Well, in order. */
    public static final List<String> SPLITS = List.of("train", "valid", "test");
    /** Name of the only split of a dataset opened from a single file. */
    public static final String SINGLE_FILE_SPLIT = "file";
    /** Name of the statistics file at the root of a dataset. */
    public static final String STATS_FILE = "stats.yaml";

    private final Path root;
    private final boolean singleFile;
    private final Map<String, Path> splitLocations;
    private final Map<String, WellSplit> opened = new LinkedHashMap<>();
    private final Path statsFile;

    private WellDataset(Path root, boolean singleFile, Map<String, Path> splitLocations, Path statsFile) {
        this.root = root;
        this.singleFile = singleFile;
        this.splitLocations = splitLocations;
        this.statsFile = statsFile;
    }

    /**
     * Opens a dataset directory or a single HDF5 file.
     *
     * @throws WellDataException if the path does not exist or does not follow The Well's layout
     */
    public static WellDataset open(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(p)) {
            Path stats = null;
            Path splitDir = p.getParent();
            if (splitDir != null && splitDir.getParent() != null && splitDir.getParent().getFileName() != null
                    && splitDir.getParent().getFileName().toString().equals("data")) {
                Path candidate = splitDir.getParent().getParent().resolve(STATS_FILE);
                stats = Files.isRegularFile(candidate) ? candidate : null;
            }
            Map<String, Path> loc = new LinkedHashMap<>();
            loc.put(SINGLE_FILE_SPLIT, p);
            return new WellDataset(p, true, loc, stats);
        }
        if (!Files.isDirectory(p)) {
            throw new WellDataException(p, null, "no such file or directory");
        }
        Path data = p.resolve("data");
        if (!Files.isDirectory(data)) {
            throw new WellDataException(p, null, "not a dataset in The Well's layout: expected " + STATS_FILE
                    + " and data/{train,valid,test}/*.hdf5, found no data/ directory");
        }
        Map<String, Path> loc = new LinkedHashMap<>();
        for (String s : SPLITS) {
            if (Files.isDirectory(data.resolve(s))) {
                loc.put(s, data.resolve(s));
            }
        }
        if (loc.isEmpty()) {
            throw new WellDataException(data, null, "expected at least one of the split directories " + SPLITS);
        }
        Path stats = p.resolve(STATS_FILE);
        return new WellDataset(p, false, loc, Files.isRegularFile(stats) ? stats : null);
    }

    /** The directory (or file) the dataset was opened from. */
    public Path root() {
        return root;
    }

    public boolean isSingleFile() {
        return singleFile;
    }

    /** Names of the splits present, in The Well's order. */
    public List<String> splitNames() {
        return new ArrayList<>(splitLocations.keySet());
    }

    public boolean hasSplit(String name) {
        return splitLocations.containsKey(name);
    }

    /**
     * Opens (once) and returns a split.
     *
     * @throws WellDataException if the split is absent, or its files are unreadable or inconsistent
     */
    public synchronized WellSplit split(String name) {
        WellSplit s = opened.get(name);
        if (s != null) {
            return s;
        }
        Path where = splitLocations.get(name);
        if (where == null) {
            throw new WellDataException(root, null, "no split '" + name + "'; the dataset has " + splitNames());
        }
        s = singleFile ? WellSplit.open(name, List.of(where)) : WellSplit.openDirectory(name, where);
        opened.put(name, s);
        return s;
    }

    /** The first split present (train when there is one): its metadata describes the dataset. */
    public WellSplit firstSplit() {
        return split(splitNames().get(0));
    }

    /** The dataset's {@code stats.yaml}, if it has one. */
    public Optional<Path> statsFile() {
        return Optional.ofNullable(statsFile);
    }

    @Override
    public synchronized void close() {
        opened.values().forEach(WellSplit::close);
        opened.clear();
    }
}
