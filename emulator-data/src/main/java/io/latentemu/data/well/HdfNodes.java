package io.latentemu.data.well;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.latentemu.data.WellDataException;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed access to the groups, datasets and attributes of one HDF5 file, failing with a
 * {@link WellDataException} that names the file, the HDF5 path and what was expected.
 *
 * <p>Copes with how jHDF returns h5py's types: enum booleans come back as the strings "TRUE"/"FALSE"
 * ({@code String[]} for arrays), bit-field booleans as {@code Boolean}/{@code boolean[]}, empty arrays as null.
 */
final class HdfNodes {

    private final Path file;

    HdfNodes(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    WellDataException error(String location, String problem) {
        return new WellDataException(file, location, problem);
    }

    static String join(Node parent, String child) {
        String p = parent.getPath();
        if (p.isEmpty() || p.equals("/")) {
            return "/" + child;
        }
        return (p.endsWith("/") ? p : p + "/") + child;
    }

    static String pathOf(Node node) {
        String p = node.getPath();
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "/" : p;
    }

    Group group(Group parent, String name) {
        Node n = parent.getChild(name);
        if (n == null) {
            throw error(join(parent, name), "missing group (expected by The Well's layout)");
        }
        if (!(n instanceof Group g)) {
            throw error(join(parent, name), "expected a group, found a " + n.getType());
        }
        return g;
    }

    Dataset dataset(Group parent, String name, String expected) {
        Node n = parent.getChild(name);
        if (n == null) {
            throw error(join(parent, name), "missing dataset (expected " + expected + ")");
        }
        if (!(n instanceof Dataset d)) {
            throw error(join(parent, name), "expected a dataset (" + expected + "), found a " + n.getType());
        }
        return d;
    }

    Attribute attribute(Node node, String name, String expected) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            throw error(pathOf(node), "missing attribute '" + name + "' (expected " + expected + ")");
        }
        return a;
    }

    boolean hasAttribute(Node node, String name) {
        return node.getAttributes().containsKey(name);
    }

    String string(Node node, String name) {
        Object v = attribute(node, name, "a string").getData();
        if (v instanceof String s) {
            return s;
        }
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1 && Array.get(v, 0) instanceof String s) {
            return s;
        }
        throw error(pathOf(node), "attribute '" + name + "': expected a string, found " + describe(v));
    }

    /** A list of strings; a single string counts as a list of one, an empty array (h5py writes float64) as empty. */
    List<String> strings(Node node, String name) {
        Attribute a = attribute(node, name, "a list of strings");
        Object v = a.getData();
        List<String> out = new ArrayList<>();
        if (v == null || a.isEmpty()) {
            return out;
        }
        if (v instanceof String s) {
            out.add(s);
            return out;
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            if (n == 0) {
                return out;
            }
            if (v instanceof String[] arr) {
                for (String s : arr) {
                    out.add(s);
                }
                return out;
            }
        }
        throw error(pathOf(node), "attribute '" + name + "': expected a list of strings, found " + describe(v));
    }

    long integer(Node node, String name) {
        Object v = attribute(node, name, "an integer").getData();
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw error(pathOf(node), "attribute '" + name + "': expected an integer, found " + describe(v));
    }

    double number(Node node, String name) {
        Object v = attribute(node, name, "a number").getData();
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw error(pathOf(node), "attribute '" + name + "': expected a number, found " + describe(v));
    }

    boolean flag(Node node, String name) {
        Object v = attribute(node, name, "a boolean").getData();
        Boolean b = toBoolean(v);
        if (b == null) {
            throw error(pathOf(node), "attribute '" + name + "': expected a boolean, found " + describe(v));
        }
        return b;
    }

    boolean[] flags(Node node, String name, int expectedLength) {
        Object v = attribute(node, name, expectedLength + " booleans").getData();
        if (v != null && v.getClass().isArray() && Array.getLength(v) == expectedLength) {
            boolean[] out = new boolean[expectedLength];
            for (int i = 0; i < expectedLength; i++) {
                Boolean b = toBoolean(Array.get(v, i));
                if (b == null) {
                    throw error(pathOf(node), "attribute '" + name + "': expected booleans, found " + describe(v));
                }
                out[i] = b;
            }
            return out;
        }
        throw error(pathOf(node), "attribute '" + name + "': expected " + expectedLength + " booleans, found " + describe(v));
    }

    /** Reads a boolean array dataset (h5py enum booleans or bit fields). */
    boolean[] booleanData(Dataset ds) {
        Object v = ds.getData();
        if (v != null && v.getClass().isArray()) {
            int n = Array.getLength(v);
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                Boolean b = toBoolean(Array.get(v, i));
                if (b == null) {
                    throw error(pathOf(ds), "expected booleans, found " + describe(v));
                }
                out[i] = b;
            }
            return out;
        }
        throw error(pathOf(ds), "expected a 1-D array of booleans, found " + describe(v));
    }

    static Boolean toBoolean(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            if (s.equalsIgnoreCase("TRUE")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("FALSE")) {
                return Boolean.FALSE;
            }
            return null;
        }
        if (v instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() != 0;
        }
        return null;
    }

    /** Checks the dataset holds float32 or float64 values. */
    void requireFloat(Dataset ds) {
        DataType t = ds.getDataType();
        if (!(t instanceof FloatingPoint) || (t.getSize() != 4 && t.getSize() != 8)) {
            throw error(pathOf(ds), "expected float32 or float64 data, found " + dtypeName(t));
        }
    }

    /** Reads a small floating-point dataset whole, as doubles in row-major order. */
    double[] doubles(Dataset ds) {
        requireFloat(ds);
        Object v;
        try {
            v = ds.isScalar() ? ds.getData() : ds.getDataFlat();
        } catch (RuntimeException e) {
            throw new WellDataException(file, pathOf(ds), "cannot read dataset (truncated or corrupt file?): " + e.getMessage(), e);
        }
        if (v instanceof Number n) {
            return new double[]{n.doubleValue()};
        }
        if (v instanceof float[] f) {
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
        if (v instanceof double[] d) {
            return d;
        }
        throw error(pathOf(ds), "expected floating-point values, found " + describe(v));
    }

    static String dtypeName(DataType t) {
        if (t instanceof FloatingPoint) {
            return "float" + 8 * t.getSize();
        }
        if (t instanceof FixedPoint fp) {
            return (fp.isSigned() ? "int" : "uint") + 8 * t.getSize();
        }
        if (t instanceof StringData) {
            return "string";
        }
        return t.getClass().getSimpleName().toLowerCase(Locale.ROOT).replace("datatype", "") + " (" + t.getSize() + " bytes)";
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing (empty)";
        }
        if (v.getClass().isArray()) {
            return "an array of " + Array.getLength(v) + " " + v.getClass().getComponentType().getSimpleName();
        }
        return v.getClass().getSimpleName() + " " + v;
    }
}
