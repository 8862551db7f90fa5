package io.latentemu.models.onednn;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.LinkedHashMap;
import java.util.function.Supplier;

import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;

/**
 * Access to the oneDNN library of the javacpp preset {@code org.bytedeco:dnnl}: whether it can run here, its CPU
 * engine, and for each thread a stream and the primitives it created (by shape, reused for every call).
 *
 * <p>oneDNN works on the arrays' memory in place, so it needs ND4J's CPU backend; with another backend, when
 * the native library does not load, or when the system property {@value #DISABLE_PROPERTY} is {@code false},
 * {@link #available()} is false and the graphs are built from libnd4j ops alone. oneDNN shares libnd4j's OpenMP
 * threads (one {@code libgomp} in the process), so it uses the same thread count.
 */
public final class OneDnn {

    /** System property that turns the kernels off when set to {@code false} (for comparisons). */
    public static final String DISABLE_PROPERTY = "latentemu.onednn";

    private static final Logger LOG = LoggerFactory.getLogger(OneDnn.class);
    /**
     * Primitives kept per thread: this build of oneDNN gives each primitive its own scratch memory
     * ({@code DNNL_ENABLE_CONCURRENT_EXEC}), so one primitive must not run on two threads at once. The least
     * recently used are destroyed beyond {@value #PRIMITIVES_PER_THREAD} (shapes change with batch and resolution).
     */
    static final int PRIMITIVES_PER_THREAD = 64;
    private static final ThreadLocal<Map<String, OneDnnPrimitive>> PRIMITIVES =
            ThreadLocal.withInitial(OneDnn::primitiveCache);
    private static final ThreadLocal<dnnl_stream> STREAMS = ThreadLocal.withInitial(OneDnn::newStream);
    private static volatile Library library;
    private static volatile boolean portableForTests;

    private OneDnn() {
    }

    /** The loaded library, or why it is not there. */
    private record Library(dnnl_engine engine, String unavailable) {
    }

    /** Whether the kernels can run in this process (checked once). */
    public static boolean available() {
        return library().engine != null;
    }

    /** Why {@link #available()} is false, or null when it is true. */
    public static String unavailableReason() {
        return library().unavailable;
    }

    /**
     * Whether the oneDNN ops compute with oneDNN ({@link #available()}) rather than with their ND4J forms
     * ({@link OneDnnOp#runPortably}).
     */
    static boolean runsKernels() {
        return available() && !portableForTests;
    }

    /** Makes the ops use their ND4J forms (or oneDNN again) in this process, for tests of a process without oneDNN. */
    static void usePortableFormsForTests(boolean portable) {
        portableForTests = portable;
    }

    /** Whether graphs of this floating-point type can use the kernels (oneDNN has no double precision). */
    public static boolean supports(DataType type) {
        return type == DataType.FLOAT && available();
    }

    private static Library library() {
        Library l = library;
        if (l == null) {
            synchronized (OneDnn.class) {
                l = library;
                if (l == null) {
                    l = load();
                    library = l;
                }
            }
        }
        return l;
    }

    private static Library load() {
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
            return new Library(null, "turned off by -D" + DISABLE_PROPERTY + "=false");
        }
        String backend = Nd4j.getBackend().getClass().getName();
        if (!backend.contains("nativecpu")) {
            return new Library(null, "ND4J backend " + backend + " is not the CPU backend");
        }
        try {
            dnnl_engine engine = new dnnl_engine();
            check(dnnl_engine_create(engine, dnnl_cpu, 0), "engine creation");
            return new Library(engine, null);
        } catch (Throwable e) {   // UnsatisfiedLinkError, NoClassDefFoundError: the natives are missing
            LOG.info("oneDNN kernels unavailable, using libnd4j ops instead: {}", e.toString());
            return new Library(null, e.toString());
        }
    }

    static dnnl_engine engine() {
        Library l = library();
        if (l.engine == null) {
            throw new IllegalStateException("oneDNN is not available: " + l.unavailable);
        }
        return l.engine;
    }

    /** This thread's stream (oneDNN primitives may run concurrently on different streams). */
    static dnnl_stream stream() {
        return STREAMS.get();
    }

    private static dnnl_stream newStream() {
        dnnl_stream s = new dnnl_stream();
        check(dnnl_stream_create(s, engine(), dnnl_stream_default_flags), "stream creation");
        return s;
    }

    /** This thread's primitive stored under {@code key}, created on first use. */
    static OneDnnPrimitive primitive(String key, Supplier<OneDnnPrimitive> create) {
        Map<String, OneDnnPrimitive> cache = PRIMITIVES.get();
        OneDnnPrimitive p = cache.get(key);
        if (p == null) {
            p = create.get();   // may itself look up another primitive (a backward one its forward hint)
            cache.put(key, p);
        }
        return p;
    }

    /** A least-recently-used map that destroys what it evicts. */
    private static Map<String, OneDnnPrimitive> primitiveCache() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OneDnnPrimitive> eldest) {
                if (size() > PRIMITIVES_PER_THREAD) {
                    eldest.getValue().destroy();
                    return true;
                }
                return false;
            }
        };
    }

    /** Throws unless a oneDNN call returned {@code dnnl_success} (0). */
    static void check(int status, String what) {
        if (status != 0) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    /** The array itself when oneDNN can read it as a dense row-major block, else a dense copy. */
    static INDArray dense(INDArray a) {
        boolean dense = a.ordering() == 'c' && a.offset() == 0 && Shape.hasDefaultStridesForShape(a);
        return dense ? a : a.dup('c');
    }

    /** Throws unless an output array can be written as a dense row-major block. */
    static void requireDense(INDArray a, String what) {
        if (a.ordering() != 'c' || a.offset() != 0 || !Shape.hasDefaultStridesForShape(a)) {
            throw new IllegalStateException(what + " is not a dense row-major array: " + a.shapeInfoToString());
        }
    }
}
