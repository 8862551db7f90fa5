package io.latentemu.data.write;

import io.latentemu.data.H5py;
import io.latentemu.data.TestDatasets;
import io.latentemu.data.well.WellFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** h5py opens what {@link WellWriter} writes, with The Well's layout and the exact values. */
class H5pyInteropTest {

    @TempDir
    Path dir;

    /**
     * A fixture written by h5py, read and written back by us: h5py finds the same groups, datasets,
     * attributes, shapes and values in both (apart from the documented mask and string types).
     */
    @Test
    void rewrittenFixtureHasTheSameLayoutAsTheH5pyOriginal() {
        H5py.assumeAvailable();
        rewriteAndCompare("advection_2d_tiny/data/train/advection_2d_tiny_tcool_0.1.hdf5", WriteOptions.contiguous(), false);
        rewriteAndCompare("advection_2d_chunked/data/valid/advection_2d_chunked_tcool_0.03.hdf5", WriteOptions.gzip(4), true);
    }

    private void rewriteAndCompare(String fixture, WriteOptions options, boolean gzip) {
        Path original = TestDatasets.fixture(fixture);
        Path copy = dir.resolve(original.getFileName());
        try (WellFile f = WellFile.open(original)) {
            new WellWriter(WellDescription.of(f.metadata()), options).write(copy, FrameSource.of(f));
        }
        H5py.Result r = gzip
                ? H5py.script("/h5py/h5py_check.py", "compare", original.toString(), copy.toString(), "--gzip")
                : H5py.script("/h5py/h5py_check.py", "compare", original.toString(), copy.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("OK"), r.output());
    }

    /** Vector and tensor components land where h5py expects them, in 2-D and 3-D, bit for bit. */
    @Test
    void fieldValuesMatchTheRawStatesInH5py() throws IOException {
        H5py.assumeAvailable();
        for (WellDescription d : List.of(TestDatasets.description2d(), TestDatasets.description3d())) {
            List<Trajectory> ts = TestDatasets.randomTrajectories(d, 2, 3, 11);
            Path file = dir.resolve(d.datasetName() + ".hdf5");
            new WellWriter(d, WriteOptions.gzip(1)).write(file, ts);
            Path raw = dir.resolve(d.datasetName() + ".bin");
            ByteBuffer bytes = ByteBuffer.allocate(ts.size() * ts.get(0).states().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (Trajectory t : ts) {
                for (float v : t.states()) {
                    bytes.putFloat(v);
                }
            }
            Files.write(raw, bytes.array());
            H5py.Result r = H5py.script("/h5py/h5py_check.py", "values", file.toString(), raw.toString());
            assertEquals(0, r.exitCode(), d.datasetName() + ": " + r.output());
        }
    }
}
