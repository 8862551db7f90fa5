package io.latentemu.data.well;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.FloatingPoint;
import io.latentemu.data.WellDataException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a hyperslab of a floating-point dataset into a float array, touching only the bytes (contiguous
 * storage) or chunks (chunked storage) that hold it.
 *
 * <p>Contiguous datasets are read with one positional read per slab when the slab is one run of bytes
 * (the case of whole frames: {@code [traj, t0..t1, all, all, ...]}); jHDF's own slicing would issue one read
 * per row of the last dimension, which is 2 floats for a vector field. Slabs of whole chunks filtered by
 * gzip and shuffle are decoded by {@link ChunkDecoder}; other chunked slabs go through jHDF, which
 * decompresses the chunks the slab overlaps. Safe for concurrent use.
 */
final class SlabReader {

    private final Path file;
    private final String path;
    private final Dataset dataset;
    private final FileChannel channel;
    private final long fileSize;
    private final long[] shape;
    private final int elementSize;
    private final ByteOrder order;
    /** Absolute byte address of element 0 for contiguous storage, -1 otherwise. */
    private final long contiguousAddress;
    /** Fast path for whole-chunk slabs of gzip/shuffle chunked storage, or null. */
    private final ChunkDecoder chunks;

    SlabReader(Path file, Dataset dataset, FileChannel channel, long userBlockSize, long fileSize) {
        this.file = file;
        this.path = HdfNodes.pathOf(dataset);
        this.dataset = dataset;
        this.channel = channel;
        this.fileSize = fileSize;
        this.shape = dataset.getDimensionsAsLong();
        FloatingPoint type = (FloatingPoint) dataset.getDataType();
        this.elementSize = type.getSize();
        this.order = type.getByteOrder();
        long address = -1;
        if (dataset instanceof ContiguousDataset c) {
            long a = c.getDataAddress();
            if (a >= 0 && a != -1L) {
                address = a + userBlockSize;
            }
        }
        this.contiguousAddress = address;
        this.chunks = address < 0 ? ChunkDecoder.of(file, dataset, elementSize, order) : null;
    }

    long[] shape() {
        return shape.clone();
    }

    /**
     * Reads {@code [offset, offset + dims)} in row-major order into {@code out} from {@code outOffset}.
     */
    void read(long[] offset, int[] dims, float[] out, int outOffset) {
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            if (offset[i] < 0 || dims[i] < 0 || offset[i] + dims[i] > shape[i]) {
                throw new WellDataException(file, path, "slice offset " + Arrays.toString(offset) + " size "
                        + Arrays.toString(dims) + " lies outside the dataset of shape " + Arrays.toString(shape));
            }
            count *= dims[i];
        }
        if (count == 0) {
            return;
        }
        if (count > Integer.MAX_VALUE / elementSize) {
            throw new WellDataException(file, path, "slice of " + count + " values is too large to read at once");
        }
        if (chunks != null && chunks.covers(offset, dims)) {
            chunks.read(offset, dims, out, outOffset);
            return;
        }
        ByteBuffer bytes = contiguousAddress >= 0 && isOneRun(offset, dims)
                ? readRun(offset, (int) count)
                : readThroughJhdf(offset, dims);
        bytes.order(order);
        if (elementSize == 4) {
            bytes.asFloatBuffer().get(out, outOffset, (int) count);
        } else {
            var doubles = bytes.asDoubleBuffer();
            for (int i = 0; i < count; i++) {
                out[outOffset + i] = (float) doubles.get(i);
            }
        }
    }

    /** Whether the slab is one contiguous run: after the first dimension of size > 1, every dimension is whole. */
    private boolean isOneRun(long[] offset, int[] dims) {
        int first = 0;
        while (first < dims.length && dims[first] == 1) {
            first++;
        }
        for (int i = first + 1; i < dims.length; i++) {
            if (offset[i] != 0 || dims[i] != shape[i]) {
                return false;
            }
        }
        return true;
    }

    private ByteBuffer readRun(long[] offset, int count) {
        long linear = 0;
        for (int i = 0; i < shape.length; i++) {
            linear = linear * shape[i] + offset[i];
        }
        long position = contiguousAddress + linear * elementSize;
        int length = count * elementSize;
        if (position + length > fileSize) {
            throw new WellDataException(file, path, "file is truncated: the slice needs bytes " + position + ".."
                    + (position + length) + " but the file has " + fileSize + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw new WellDataException(file, path, "file is truncated: unexpected end of file at byte "
                            + (position + buffer.position()));
                }
            }
        } catch (IOException e) {
            throw new WellDataException(file, path, "cannot read: " + e.getMessage(), e);
        }
        buffer.flip();
        return buffer;
    }

    private ByteBuffer readThroughJhdf(long[] offset, int[] dims) {
        try {
            if (dataset instanceof DatasetBase base) {
                return base.getSliceDataBuffer(offset, dims);
            }
            throw new WellDataException(file, path, "unsupported dataset implementation " + dataset.getClass().getName());
        } catch (WellDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WellDataException(file, path, "cannot read slice offset " + Arrays.toString(offset) + " size "
                    + Arrays.toString(dims) + " (truncated or corrupt file?): " + e, e);
        }
    }
}
