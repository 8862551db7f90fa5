package io.latentemu.data.write;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.api.WritableNode;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataSpace;
import io.jhdf.storage.HdfBackingStorage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Attributes written the way h5py writes them, where jHDF 0.13 alone would not: booleans as h5py's enum
 * ({@code FALSE = 0, TRUE = 1} over int8, which h5py reads back as {@code numpy.bool_}; jHDF would write a
 * bit field that h5py reads as {@code uint8}) and empty lists as empty float64 arrays (jHDF cannot write
 * empty arrays).
 *
 * <p>Relies on jHDF's writable nodes exposing their attribute map and on its public {@link DataType}
 * constructor for subclasses; checked against jHDF 0.13.0 by the h5py interoperability test.
 */
final class H5pyAttributes {

    private H5pyAttributes() {
    }

    static void putBoolean(WritableNode node, String name, boolean value) {
        node.getAttributes().put(name, new RawAttribute(name, node, value, EnumBoolean.INSTANCE,
                DataSpace.fromObject(value)));
    }

    static void putBooleans(WritableNode node, String name, boolean[] values) {
        node.getAttributes().put(name, new RawAttribute(name, node, values.clone(), EnumBoolean.INSTANCE,
                DataSpace.fromObject(values)));
    }

    /** A list of strings; an empty list becomes an empty float64 array, as h5py writes {@code []}. */
    static void putStrings(WritableNode node, String name, List<String> values) {
        if (values.isEmpty()) {
            double[] empty = new double[0];
            node.getAttributes().put(name, new RawAttribute(name, node, empty, EmptyFloat64.INSTANCE,
                    DataSpace.fromObject(empty)));
        } else {
            node.putAttribute(name, values.toArray(new String[0]));
        }
    }

    /** An attribute whose type and shape are given rather than inferred by jHDF. */
    private record RawAttribute(String name, Node node, Object data, DataType type, DataSpace space) implements Attribute {
        @Override
        public Node getNode() {
            return node;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public long getSize() {
            return space.getTotalLength();
        }

        @Override
        public long getSizeInBytes() {
            return getSize() * type.getSize();
        }

        @Override
        public int[] getDimensions() {
            return space.getDimensions();
        }

        @Override
        public long[] getDimensionsAsLong() {
            return space.getDimensionsAsLong();
        }

        @Override
        public Object getData() {
            return data;
        }

        @Override
        public Class<?> getJavaType() {
            return type.getJavaType();
        }

        @Override
        public boolean isScalar() {
            return space.getDimensions().length == 0;
        }

        @Override
        public boolean isEmpty() {
            return getSize() == 0 && !isScalar();
        }

        @Override
        public ByteBuffer getBuffer() {
            return type.encodeData(data);
        }

        @Override
        public DataSpace getDataSpace() {
            return space;
        }

        @Override
        public DataType getDataType() {
            return type;
        }
    }

    /** HDF5 enum over int8 with members FALSE = 0 and TRUE = 1 (h5py's boolean). */
    private static final class EnumBoolean extends DataType {
        static final EnumBoolean INSTANCE = new EnumBoolean();
        private static final int ENUM_CLASS = 8;

        private EnumBoolean() {
            super(ENUM_CLASS, 1);
            classBits.set(1); // bits 0-15 hold the number of members: 2
        }

        @Override
        public Class<?> getJavaType() {
            return boolean.class;
        }

        @Override
        public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage storage) {
            throw new UnsupportedOperationException("write-only type");
        }

        @Override
        public ByteBuffer toBuffer() {
            ByteBuffer header = toBufferBuilder().build();
            ByteBuffer base = new FixedPoint(1, true).toBuffer();
            ByteBuffer out = ByteBuffer.allocate(header.remaining() + base.remaining() + 2 * 8 + 2);
            out.put(header).put(base);
            out.put(paddedName("FALSE")).put(paddedName("TRUE")); // version-1 names are padded to 8 bytes
            out.put((byte) 0).put((byte) 1);
            out.flip();
            return out;
        }

        private static byte[] paddedName(String name) {
            byte[] b = new byte[8];
            byte[] s = name.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, b, 0, s.length);
            return b;
        }

        @Override
        public ByteBuffer encodeData(Object data) {
            if (data instanceof Boolean b) {
                return ByteBuffer.wrap(new byte[]{(byte) (b ? 1 : 0)});
            }
            boolean[] a = (boolean[]) data;
            byte[] out = new byte[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = (byte) (a[i] ? 1 : 0);
            }
            return ByteBuffer.wrap(out);
        }
    }

    /** float64 with no values, for empty arrays. */
    private static final class EmptyFloat64 extends DataType {
        static final EmptyFloat64 INSTANCE = new EmptyFloat64();
        private static final int FLOAT_CLASS = 1;

        private EmptyFloat64() {
            super(FLOAT_CLASS, 8);
        }

        @Override
        public Class<?> getJavaType() {
            return double.class;
        }

        @Override
        public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage storage) {
            throw new UnsupportedOperationException("write-only type");
        }

        @Override
        public ByteBuffer toBuffer() {
            return FloatingPoint.DOUBLE.toBuffer();
        }

        @Override
        public ByteBuffer encodeData(Object data) {
            return ByteBuffer.allocate(0);
        }
    }
}
