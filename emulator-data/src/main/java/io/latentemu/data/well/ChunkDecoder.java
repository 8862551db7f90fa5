package io.latentemu.data.well;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.latentemu.data.WellDataException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads slabs made of whole chunks (chunks {@code [1, .., 1, N_k, .., N_last]}, e.g. one state per chunk,
 * as h5py and our writer store fields) by inflating and un-shuffling each chunk straight into the output
 * floats, with per-thread buffers. jHDF's general path copies each chunk row by row and un-shuffles byte by
 * byte, several times slower. Only the gzip and shuffle filters are handled; {@link #of} returns null for
 * anything else, and the caller uses jHDF.
 */
final class ChunkDecoder {

    private static final int DEFLATE = 1;
    private static final int SHUFFLE = 2;
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);
    private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[1][0]);

    private final Path file;
    private final String path;
    private final ChunkedDataset dataset;
    private final long[] shape;
    /** Leading dimensions of chunk size 1; from here on, chunks span whole dimensions. */
    private final int firstWhole;
    private final int chunkElements;
    private final int elementSize;
    private final ByteOrder order;
    private final boolean deflate;
    private final boolean shuffle;

    private ChunkDecoder(Path file, ChunkedDataset dataset, long[] shape, int firstWhole, int chunkElements,
                         int elementSize, ByteOrder order, boolean deflate, boolean shuffle) {
        this.file = file;
        this.path = HdfNodes.pathOf(dataset);
        this.dataset = dataset;
        this.shape = shape;
        this.firstWhole = firstWhole;
        this.chunkElements = chunkElements;
        this.elementSize = elementSize;
        this.order = order;
        this.deflate = deflate;
        this.shuffle = shuffle;
    }

    /** A decoder for a dataset whose chunks and filters it handles, else null. */
    static ChunkDecoder of(Path file, Dataset dataset, int elementSize, ByteOrder order) {
        if (!(dataset instanceof ChunkedDataset cd)) {
            return null;
        }
        long[] shape = dataset.getDimensionsAsLong();
        int[] chunk = cd.getChunkDimensions();
        if (chunk == null || chunk.length != shape.length) {
            return null;
        }
        int k = 0;
        while (k < chunk.length && chunk[k] == 1 && shape[k] != 1) {
            k++;
        }
        long elements = 1;
        for (int i = k; i < chunk.length; i++) {
            if (chunk[i] != shape[i]) {
                return null;
            }
            elements *= chunk[i];
        }
        if (elements * elementSize > Integer.MAX_VALUE) {
            return null;
        }
        List<PipelineFilterWithData> filters;
        try {
            filters = dataset.getFilters();
        } catch (RuntimeException e) {
            return null;
        }
        int[] ids = filters.stream().mapToInt(PipelineFilterWithData::getId).toArray();
        boolean deflate;
        boolean shuffle;
        if (ids.length == 0) {
            deflate = false;
            shuffle = false;
        } else if (Arrays.equals(ids, new int[]{DEFLATE})) {
            deflate = true;
            shuffle = false;
        } else if (Arrays.equals(ids, new int[]{SHUFFLE})) {
            deflate = false;
            shuffle = true;
        } else if (Arrays.equals(ids, new int[]{SHUFFLE, DEFLATE})) {
            deflate = true;
            shuffle = true;
        } else {
            return null;
        }
        return new ChunkDecoder(file, cd, shape, k, (int) elements, elementSize, order, deflate, shuffle);
    }

    /** Whether the slab is a run of whole chunks: every dimension from the first whole one is fully covered. */
    boolean covers(long[] offset, int[] dims) {
        for (int i = firstWhole; i < dims.length; i++) {
            if (offset[i] != 0 || dims[i] != shape[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes the chunks of the slab, in row-major order of the leading dimensions, into {@code out}. */
    void read(long[] offset, int[] dims, float[] out, int outOffset) {
        int[] index = new int[firstWhole];
        int[] chunkOffset = new int[shape.length];
        int chunks = 1;
        for (int i = 0; i < firstWhole; i++) {
            chunks *= dims[i];
        }
        for (int c = 0; c < chunks; c++) {
            for (int i = 0; i < firstWhole; i++) {
                chunkOffset[i] = (int) (offset[i] + index[i]);
            }
            decode(chunkOffset, out, outOffset + c * chunkElements);
            for (int i = firstWhole - 1; i >= 0; i--) {
                if (++index[i] < dims[i]) {
                    break;
                }
                index[i] = 0;
            }
        }
    }

    private void decode(int[] chunkOffset, float[] out, int outOffset) {
        int bytes = chunkElements * elementSize;
        byte[][] holder = BUFFER.get();
        if (holder[0].length < bytes) {
            holder[0] = new byte[bytes];
        }
        byte[] b = holder[0];
        try {
            ByteBuffer raw = dataset.getRawChunkBuffer(chunkOffset);
            if (deflate) {
                Inflater inflater = INFLATER.get();
                inflater.reset();
                inflater.setInput(raw);
                int n = 0;
                while (n < bytes && !inflater.finished()) {
                    int got = inflater.inflate(b, n, bytes - n);
                    if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += got;
                }
                if (n != bytes) {
                    throw new DataFormatException("chunk inflates to " + n + " bytes, expected " + bytes);
                }
            } else {
                if (raw.remaining() < bytes) {
                    throw new DataFormatException("chunk holds " + raw.remaining() + " bytes, expected " + bytes);
                }
                raw.get(b, 0, bytes);
            }
        } catch (DataFormatException | RuntimeException e) {
            throw new WellDataException(file, path, "cannot decode chunk " + Arrays.toString(chunkOffset)
                    + " (corrupt file?): " + e.getMessage(), e);
        }
        if (shuffle) {
            unshuffle(b, out, outOffset);
        } else {
            ByteBuffer buf = ByteBuffer.wrap(b, 0, bytes).order(order);
            if (elementSize == 4) {
                buf.asFloatBuffer().get(out, outOffset, chunkElements);
            } else {
                var d = buf.asDoubleBuffer();
                for (int i = 0; i < chunkElements; i++) {
                    out[outOffset + i] = (float) d.get(i);
                }
            }
        }
    }

    /** HDF5's shuffle stores byte j of every element together: element i's byte j sits at {@code j n + i}. */
    private void unshuffle(byte[] b, float[] out, int outOffset) {
        int n = chunkElements;
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        if (elementSize == 4) {
            for (int i = 0; i < n; i++) {
                int b0 = b[i] & 0xff;
                int b1 = b[n + i] & 0xff;
                int b2 = b[2 * n + i] & 0xff;
                int b3 = b[3 * n + i] & 0xff;
                int bits = little ? b0 | b1 << 8 | b2 << 16 | b3 << 24 : b3 | b2 << 8 | b1 << 16 | b0 << 24;
                out[outOffset + i] = Float.intBitsToFloat(bits);
            }
        } else {
            for (int i = 0; i < n; i++) {
                long bits = 0;
                for (int j = 0; j < 8; j++) {
                    long v = b[j * n + i] & 0xffL;
                    bits |= little ? v << (8 * j) : v << (8 * (7 - j));
                }
                out[outOffset + i] = (float) Double.longBitsToDouble(bits);
            }
        }
    }
}
