package io.latentemu.data;

import io.latentemu.data.norm.NormalizationConfig;
import io.latentemu.data.norm.Normalizer;
import io.latentemu.data.norm.WellStats;
import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.write.WellDescription;
import io.latentemu.data.write.WellWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input fails early with a {@link WellDataException} naming the file, the place inside it and what was
 * expected. The broken HDF5 files were written by h5py ({@code well/generated/make_files.py}); the others
 * are made here.
 */
class BadInputTest {

    @TempDir
    Path dir;

    static WellDataException expectError(Executable action, String... fragments) {
        WellDataException e = assertThrows(WellDataException.class, action);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
        return e;
    }

    static Path generated(String name) {
        return TestDatasets.fixture("generated/" + name);
    }

    @Test
    void missingGroup() {
        WellDataException e = expectError(() -> WellFile.open(generated("bad_missing_group.hdf5")),
                "bad_missing_group.hdf5: /t1_fields: missing group");
        assertEquals("/t1_fields", e.location().orElseThrow());
        assertTrue(e.file().orElseThrow().endsWith("bad_missing_group.hdf5"));
    }

    @Test
    void missingAttribute() {
        expectError(() -> WellFile.open(generated("bad_missing_attribute.hdf5")),
                "bad_missing_attribute.hdf5: /: missing attribute 'n_spatial_dims' (expected an integer)");
    }

    @Test
    void wrongDtype() {
        expectError(() -> WellFile.open(generated("bad_wrong_dtype.hdf5")),
                "bad_wrong_dtype.hdf5: /t0_fields/u: expected float32 or float64 data, found int32");
    }

    @Test
    void wrongShape() {
        expectError(() -> WellFile.open(generated("bad_wrong_shape.hdf5")),
                "/t0_fields/u: expected shape [1, 2, 4, 3] (trajectories, steps, x, y), found [1, 2, 4, 5]");
    }

    @Test
    void minimalValidFileOpens() {
        try (WellFile f = WellFile.open(generated("minimal.hdf5"))) {
            assertEquals(List.of("u"), f.metadata().channelNames());
            assertEquals(List.of(), f.metadata().parameters());
        }
    }

    @Test
    void truncatedFile() throws IOException {
        Path copy = copyOf("advection_2d_tiny/data/train/advection_2d_tiny_tcool_0.1.hdf5", "truncated.hdf5");
        long size = Files.size(copy);
        try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
            raf.setLength(size / 2);
        }
        expectError(() -> WellFile.open(copy), "truncated.hdf5", "truncated", String.valueOf(size));
    }

    @Test
    void notAnHdf5File() throws IOException {
        Path text = dir.resolve("notes.hdf5");
        Files.writeString(text, "these are not the data you are looking for\n".repeat(100));
        expectError(() -> WellFile.open(text), "notes.hdf5", "not a readable HDF5 file");
        Path empty = Files.createFile(dir.resolve("empty.h5"));
        expectError(() -> WellFile.open(empty), "empty.h5", "not a readable HDF5 file");
    }

    /**
     * Garbage over one compressed chunk (density, trajectory 0, step 5: bytes 40868-43978 of the file, as
     * h5py's {@code get_chunk_info(5)} reports): the file opens, the other states read, and reading that state
     * fails naming the file and the dataset; so does garbage over the metadata, at open.
     */
    @Test
    void corruptFile() throws IOException {
        Path copy = copyOf("advection_2d_chunked/data/train/advection_2d_chunked_tcool_0.1.hdf5", "corrupt.hdf5");
        overwrite(copy, 40868 + 100, 2000);
        try (WellFile f = WellFile.open(copy)) {
            f.readWindow(0, 4, 1, 1);
            f.readWindow(0, 6, 1, 1);
            expectError(() -> f.readWindow(0, 5, 1, 1), "corrupt.hdf5: /t0_fields/density: cannot decode chunk [0, 5, 0, 0]");
            expectError(() -> f.readWindow(0, 3, 4, 1), "corrupt.hdf5: /t0_fields/density");
        }
        Path metadata = copyOf("advection_2d_chunked/data/train/advection_2d_chunked_tcool_0.1.hdf5", "corrupt_meta.hdf5");
        overwrite(metadata, 100, 20000);
        expectError(() -> WellFile.open(metadata), "corrupt_meta.hdf5");
    }

    private static void overwrite(Path file, long from, int count) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] junk = new byte[count];
            new java.util.Random(1).nextBytes(junk);
            raf.seek(from);
            raf.write(junk);
        }
    }

    @Test
    void splitWhoseFilesDifferInResolution() {
        Path root = dir.resolve("mixed");
        for (int n : new int[]{8, 6}) {
            WellDescription d = WellDescription.builder("mixed")
                    .axis(Axis.uniform("x", n, 0, 1), BoundaryType.PERIODIC)
                    .axis(Axis.uniform("y", 8, 0, 1), BoundaryType.PERIODIC)
                    .field("u", 0).build();
            new WellWriter(d).write(root.resolve("data/train/res" + n + ".hdf5"),
                    TestDatasets.randomTrajectories(d, 1, 2, n));
        }
        try (WellDataset ds = WellDataset.open(root)) {
            expectError(() -> ds.split("train"), "res8.hdf5", "cannot share split 'train' with res6.hdf5",
                    "resolution [8, 8] differs from [6, 8]");
        }
    }

    @Test
    void statsYamlMissingAField() throws IOException {
        Path stats = dir.resolve("stats.yaml");
        Files.writeString(stats, """
                mean: {density: 1.0, pressure: 2.0, velocity: [0.0, 0.0]}
                std: {density: 0.1, velocity: [0.5, 0.5]}
                """);
        try (WellFile f = WellFile.open(TestDatasets.fixture("advection_2d_tiny/data/train/advection_2d_tiny_tcool_0.1.hdf5"))) {
            WellStats s = WellStats.read(stats);
            expectError(() -> Normalizer.create(f.metadata(), s, NormalizationConfig.zscore()),
                    "stats.yaml: std/pressure: missing field 'pressure'");
            expectError(() -> Normalizer.create(f.metadata(), s, NormalizationConfig.rms()),
                    "stats.yaml: rms: missing key");
            Files.writeString(stats, "mean: {density: 1.0, pressure: 2.0, velocity: 0.0}\nstd: {density: 1, pressure: 1, velocity: [1, 1]}\n");
            expectError(() -> Normalizer.create(f.metadata(), WellStats.read(stats), NormalizationConfig.zscore()),
                    "stats.yaml: mean/velocity: expected a list of 2 numbers for vector field 'velocity', found 1");
        }
        Files.writeString(stats, "mean: [unbalanced");
        expectError(() -> WellStats.read(stats), "stats.yaml", "cannot read statistics");
    }

    @Test
    void windowBeyondTheTrajectory() {
        try (WellFile f = WellFile.open(TestDatasets.fixture("advection_2d_tiny/data/train/advection_2d_tiny_tcool_0.1.hdf5"))) {
            expectError(() -> f.readWindow(0, 10, 3, 1), "advection_2d_tiny_tcool_0.1.hdf5: /t0_fields/density: "
                    + "window beyond the trajectory: 3 steps at stride 1 from step 10 need steps 10..12 but trajectory 0 "
                    + "has steps 0..11");
            expectError(() -> f.readWindow(0, 0, 5, 3), "need steps 0..12");
            expectError(() -> f.readWindow(2, 0, 1, 1), "trajectory 2 does not exist: the file holds 2");
            expectError(() -> f.readWindow(0, -1, 1, 1), "window beyond the trajectory");
        }
    }

    @Test
    void missingPathsAndLayouts() throws IOException {
        expectError(() -> WellDataset.open(dir.resolve("nowhere")), "nowhere: no such file or directory");
        Path notADataset = Files.createDirectories(dir.resolve("plain"));
        expectError(() -> WellDataset.open(notADataset), "plain: not a dataset in The Well's layout");
        Files.createDirectories(notADataset.resolve("data/train"));
        try (WellDataset ds = WellDataset.open(notADataset)) {
            expectError(() -> ds.split("train"), "split 'train' holds no .hdf5 or .h5 file");
            expectError(() -> ds.split("test"), "no split 'test'");
        }
    }

    private Path copyOf(String fixture, String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.copy(TestDatasets.fixture(fixture), copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().setWritable(true);
        return copy;
    }
}
