package io.latentemu.data.write;

import io.jhdf.AbstractWritableNode;
import io.jhdf.Constants;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Attribute;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Group;
import io.jhdf.api.NodeType;
import io.jhdf.api.WritableDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.indexing.ChunkImpl;
import io.jhdf.dataset.chunked.indexing.FixedArrayIndexWriter;
import io.jhdf.filter.ByteShuffleFilter;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.DataLayout;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FilterPipelineMessage;
import io.jhdf.object.message.FilterPipelineMessage.FilterInfo;
import io.jhdf.object.message.Message;
import io.jhdf.storage.HdfFileChannel;
import io.jhdf.exceptions.HdfWritingException;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A float32 field dataset {@code [B, T, N1, N2(, N3), D...]} that jHDF writes by pulling one state at a time
 * from a {@link FrameSource}, instead of from a whole nested Java array: memory stays at one state, there is
 * no 2 GB limit, and each state is one write (jHDF's contiguous writer issues one write per row of the last
 * dimension, i.e. per 2 floats of a vector field).
 *
 * <p>Storage: contiguous, or one chunk {@code [1, 1, N1, N2(, N3), D...]} per state with optional shuffle and
 * gzip, indexed by a fixed array (HDF5 1.10 format, as jHDF writes). Built on jHDF 0.13's public message
 * and object-header classes.
 */
final class FieldDataset extends AbstractWritableNode implements WritableDataset {

    private static final FloatingPoint FLOAT = FloatingPoint.FLOAT;
    private static final int ELEMENT = 4;

    private final FrameSource source;
    private final int firstChannel;
    private final int components;
    private final int points;
    private final int frameSize;
    private final long[] dims;
    private final boolean chunked;
    private final List<DatasetCreationOptions.RequestedFilter> filters;
    private final FrameCheck check;
    private long storageInBytes = -1;

    /** Validates the values of each state before they are written. */
    interface FrameCheck {
        /** Returns normally or records a problem; must not throw (jHDF would leave the file open). */
        void check(int trajectory, int step, int channel, float[] frame, int offset, int count);

        /** Records that the source failed to give a state. */
        void failed(int trajectory, int step, RuntimeException e);

        /** Whether a problem was recorded: the rest of the file is then filled with zeros, to be discarded. */
        boolean failed();
    }

    FieldDataset(Group parent, String name, FrameSource source, int firstChannel, int components, int[] spatialShape,
                 int channels, WriteOptions options, FrameCheck check) {
        super(parent, name);
        this.source = source;
        this.firstChannel = firstChannel;
        this.components = components;
        int p = 1;
        for (int n : spatialShape) {
            p *= n;
        }
        this.points = p;
        this.frameSize = channels * p;
        int order = components == 1 ? 0 : (components == spatialShape.length ? 1 : 2);
        long[] d = new long[2 + spatialShape.length + order];
        d[0] = source.trajectories();
        d[1] = source.steps();
        for (int i = 0; i < spatialShape.length; i++) {
            d[2 + i] = spatialShape[i];
        }
        for (int i = 0; i < order; i++) {
            d[2 + spatialShape.length + i] = spatialShape.length;
        }
        this.dims = d;
        this.chunked = options.layout() == WriteOptions.Layout.CHUNKED;
        DatasetCreationOptions.Builder b = DatasetCreationOptions.builder();
        if (options.shuffle()) {
            b.shuffle();
        }
        if (options.deflateLevel() > 0) {
            b.deflate(options.deflateLevel());
        }
        this.filters = chunked ? b.build().getFilters() : Collections.emptyList();
        this.check = check;
    }

    private long chunkCount() {
        return dims[0] * dims[1];
    }

    private int chunkBytes() {
        return points * components * ELEMENT;
    }

    private int[] chunkDimensions() {
        int[] c = new int[dims.length];
        c[0] = 1;
        c[1] = 1;
        for (int i = 2; i < dims.length; i++) {
            c[i] = (int) dims[i];
        }
        return c;
    }

    private List<FilterInfo> filterInfos() {
        List<FilterInfo> out = new ArrayList<>();
        for (DatasetCreationOptions.RequestedFilter f : filters) {
            int[] data = f.getFilterData();
            if (f.getFilter().getId() == ByteShuffleFilter.ID && data.length == 0) {
                data = new int[]{ELEMENT}; // shuffle needs the element size, like H5Z_shuffle's set_local
            }
            out.add(new FilterInfo(f.getFilter().getId(), f.getFilter().getName(), false, data));
        }
        return out;
    }

    @Override
    public long write(HdfFileChannel channel, long position) {
        List<FilterInfo> infos = filterInfos();
        List<Message> messages = new ArrayList<>();
        messages.add(DataTypeMessage.create(FLOAT));
        messages.add(DataSpaceMessage.create(getDataSpace()));
        messages.add(FillValueMessage.NO_FILL);
        if (!infos.isEmpty()) {
            messages.add(FilterPipelineMessage.create(infos));
        }
        DataLayoutMessage placeholder = chunked
                ? chunkedLayout(Constants.UNDEFINED_ADDRESS, 0, !infos.isEmpty())
                : ContiguousDataLayoutMessage.create(Constants.UNDEFINED_ADDRESS, Constants.UNDEFINED_ADDRESS);
        messages.add(placeholder);
        if (!getAttributes().isEmpty()) {
            messages.add(AttributeInfoMessage.create());
            for (Map.Entry<String, Attribute> a : getAttributes().entrySet()) {
                messages.add(AttributeMessage.create(a.getKey(), a.getValue()));
            }
        }
        int headerSize = new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer().limit();
        long dataAddress = position + headerSize;

        long address = dataAddress;
        List<Chunk> chunks = new ArrayList<>();
        float[] frame = new float[frameSize];
        ByteBuffer bytes = ByteBuffer.allocate(chunkBytes()).order(FLOAT.getByteOrder());
        for (int b = 0; b < dims[0]; b++) {
            for (int t = 0; t < dims[1]; t++) {
                if (check.failed()) {
                    Arrays.fill(frame, 0f);
                } else {
                    try {
                        source.readFrame(b, t, frame, 0);
                        check.check(b, t, firstChannel, frame, firstChannel * points, components * points);
                    } catch (RuntimeException e) {
                        check.failed(b, t, e);
                    }
                }
                fill(frame, bytes);
                byte[] encoded = bytes.array();
                for (int i = 0; i < infos.size(); i++) {
                    encoded = filters.get(i).getFilter().encode(encoded, infos.get(i).getData());
                }
                writeFully(channel, ByteBuffer.wrap(encoded), address);
                if (chunked) {
                    chunks.add(new ChunkImpl(address, encoded.length, chunkOffset(b, t)));
                }
                address += encoded.length;
            }
        }
        storageInBytes = address - dataAddress;

        DataLayoutMessage layout;
        long end = address;
        if (!chunked) {
            layout = ContiguousDataLayoutMessage.create(dataAddress, storageInBytes);
        } else if (chunks.size() == 1) {
            layout = chunkedLayout(chunks.get(0).getAddress(), chunks.get(0).getSize(), !infos.isEmpty());
        } else {
            ByteBuffer index = FixedArrayIndexWriter.createFixedArray(chunks, address, chunkBytes(),
                    !infos.isEmpty(), pageBits(chunks.size()));
            writeFully(channel, index, address);
            end = address + index.limit();
            layout = ChunkedDataLayoutMessageV4.createFixedArray(address, layoutChunkDimensions(), pageBits(chunks.size()));
        }
        messages.set(messages.indexOf(placeholder), layout);
        ByteBuffer header = new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer();
        if (header.limit() != headerSize) {
            throw new HdfWritingException("object header of " + getPath() + " changed size while writing");
        }
        channel.write(header, position);
        channel.position(end); // jHDF appends its trailer at the channel position after the root group
        return end;
    }

    private long[] chunkOffset(int b, int t) {
        long[] o = new long[dims.length];
        o[0] = b;
        o[1] = t;
        return o;
    }

    /** Copies this field's channels of a state {@code [C, points]} into chunk order {@code [points, components]}. */
    private void fill(float[] frame, ByteBuffer bytes) {
        bytes.clear();
        var floats = bytes.asFloatBuffer();
        int base = firstChannel * points;
        if (components == 1) {
            floats.put(frame, base, points);
            return;
        }
        for (int p = 0; p < points; p++) {
            for (int c = 0; c < components; c++) {
                floats.put(frame[base + c * points + p]);
            }
        }
    }

    private DataLayoutMessage chunkedLayout(long address, int filteredSize, boolean filtered) {
        if (chunkCount() == 1) {
            return filtered
                    ? ChunkedDataLayoutMessageV4.createFilteredSingleChunk(address, layoutChunkDimensions(), filteredSize)
                    : ChunkedDataLayoutMessageV4.createSingleChunk(address, layoutChunkDimensions());
        }
        return ChunkedDataLayoutMessageV4.createFixedArray(address, layoutChunkDimensions(), pageBits(chunkCount()));
    }

    /** The layout message's chunk dimensions carry the element size as one more dimension. */
    private int[] layoutChunkDimensions() {
        int[] c = chunkDimensions();
        int[] out = Arrays.copyOf(c, c.length + 1);
        out[c.length] = ELEMENT;
        return out;
    }

    /** Fixed-array page bits: at least 10 (HDF5's default), more so that the array is never paged. */
    private static int pageBits(long chunks) {
        int needed = 64 - Long.numberOfLeadingZeros(Math.max(1, chunks - 1));
        return Math.max(10, needed);
    }

    private static void writeFully(HdfFileChannel channel, ByteBuffer buffer, long address) {
        while (buffer.hasRemaining()) {
            address += channel.write(buffer, address);
        }
    }

    private DataSpace getDataSpace() {
        Object template = Array.newInstance(float.class, filledOnes(dims.length));
        return DataSpace.modifyDimensions(DataSpace.fromObject(template), dims);
    }

    private static int[] filledOnes(int n) {
        int[] d = new int[n];
        Arrays.fill(d, 1);
        return d;
    }

    @Override
    public long getSize() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public long getSizeInBytes() {
        return getSize() * ELEMENT;
    }

    @Override
    public long getStorageInBytes() {
        return storageInBytes >= 0 ? storageInBytes : getSizeInBytes();
    }

    @Override
    public int[] getDimensions() {
        return Arrays.stream(dims).mapToInt(Math::toIntExact).toArray();
    }

    @Override
    public long[] getDimensionsAsLong() {
        return dims.clone();
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public boolean isCompound() {
        return false;
    }

    @Override
    public boolean isVariableLength() {
        return false;
    }

    @Override
    public long[] getMaxSize() {
        return dims.clone();
    }

    @Override
    public DataLayout getDataLayout() {
        return chunked ? DataLayout.CHUNKED : DataLayout.CONTIGUOUS;
    }

    @Override
    public Object getData() {
        throw new UnsupportedOperationException("write-only dataset");
    }

    @Override
    public Object getDataFlat() {
        throw new UnsupportedOperationException("write-only dataset");
    }

    @Override
    public Object getData(long[] sliceOffset, int[] sliceDimensions) {
        throw new UnsupportedOperationException("write-only dataset");
    }

    @Override
    public Class<?> getJavaType() {
        return float.class;
    }

    @Override
    public DataType getDataType() {
        return FLOAT;
    }

    @Override
    public Object getFillValue() {
        return null;
    }

    @Override
    public List<PipelineFilterWithData> getFilters() {
        return Collections.emptyList();
    }

    @Override
    public NodeType getType() {
        return NodeType.DATASET;
    }

    @Override
    public boolean isGroup() {
        return false;
    }

    @Override
    public long getAddress() {
        throw new UnsupportedOperationException("address not known until written");
    }

    @Override
    public boolean isLink() {
        return false;
    }

    @Override
    public boolean isAttributeCreationOrderTracked() {
        return false;
    }
}
