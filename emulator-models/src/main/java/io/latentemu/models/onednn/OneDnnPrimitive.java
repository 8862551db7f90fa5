package io.latentemu.models.onednn;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import static io.latentemu.models.onednn.OneDnn.check;
import static org.bytedeco.dnnl.global.dnnl.dnnl_a;
import static org.bytedeco.dnnl.global.dnnl.dnnl_ab;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;

/**
 * One oneDNN primitive for fixed shapes, with the arguments it takes ({@code DNNL_ARG_*} and their memory
 * descriptions), run on float arrays of exactly those sizes. Created once per shape and thread
 * ({@link OneDnn#primitive}): a primitive owns its scratch memory, so it runs on one thread only.
 */
final class OneDnnPrimitive {

    private final dnnl_primitive_desc descriptor;
    private final dnnl_primitive primitive;
    private final int[] arguments;
    private final dnnl_memory_desc_t[] memories;
    private final long[] bytes;

    private OneDnnPrimitive(dnnl_primitive_desc descriptor, int[] arguments, dnnl_memory_desc_t[] memories) {
        this.descriptor = descriptor;
        this.primitive = new dnnl_primitive();
        check(dnnl_primitive_create(primitive, descriptor), "primitive creation");
        this.arguments = arguments.clone();
        this.memories = memories.clone();
        this.bytes = new long[memories.length];
        for (int i = 0; i < memories.length; i++) {
            bytes[i] = dnnl_memory_desc_get_size(memories[i]);
        }
    }

    /**
     * Creates the primitive an operation descriptor describes.
     *
     * @param operation the initialised {@code dnnl_*_desc_t}
     * @param hint      the forward primitive a backward one is made for, or null
     * @param arguments the {@code DNNL_ARG_*} the primitive reads and writes, in the order {@link #run} takes arrays
     * @param memories  their memory descriptions, in the same order
     */
    static OneDnnPrimitive create(Pointer operation, OneDnnPrimitive hint, int[] arguments,
                                  dnnl_memory_desc_t... memories) {
        if (arguments.length != memories.length) {
            throw new IllegalArgumentException(arguments.length + " arguments, " + memories.length + " memories");
        }
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(operation), null, OneDnn.engine(),
                hint == null ? null : hint.descriptor), "primitive description");
        return new OneDnnPrimitive(pd, arguments, memories);
    }

    /** A dense row-major float32 memory description of rank 1 or 2. */
    static dnnl_memory_desc_t floats(long... dims) {
        if (dims.length < 1 || dims.length > 2) {
            throw new IllegalArgumentException("rank 1 or 2 expected, got " + dims.length);
        }
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, dims.length == 1 ? dnnl_a : dnnl_ab),
                "memory description");
        return md;
    }

    /** Frees the primitive (its thread's cache evicted it). */
    void destroy() {
        dnnl_primitive_destroy(primitive);
        dnnl_primitive_desc_destroy(descriptor);
    }

    /** Runs the primitive on dense float arrays, one per argument, and waits for it. */
    void run(INDArray... arrays) {
        if (arrays.length != arguments.length) {
            throw new IllegalArgumentException(arguments.length + " arrays expected, got " + arrays.length);
        }
        for (int i = 0; i < arrays.length; i++) {
            // oneDNN reads and writes raw memory: a wrong size would run past the array, not throw
            long have = arrays[i].length() * arrays[i].dataType().width();
            if (have != bytes[i]) {
                throw new IllegalArgumentException("argument " + i + " has " + have + " bytes, the primitive expects "
                        + bytes[i]);
            }
        }
        dnnl_stream stream = OneDnn.stream();
        dnnl_memory[] bound = new dnnl_memory[arrays.length];
        try (dnnl_exec_arg_t args = new dnnl_exec_arg_t(arrays.length)) {
            for (int i = 0; i < arrays.length; i++) {
                bound[i] = new dnnl_memory();
                check(dnnl_memory_create(bound[i], memories[i], OneDnn.engine(), arrays[i].data().addressPointer()),
                        "memory binding");
                args.position(i).arg(arguments[i]).memory(bound[i]);
            }
            check(dnnl_primitive_execute(primitive, stream, arrays.length, args.position(0)), "execution");
            check(dnnl_stream_wait(stream), "stream wait");
        } finally {
            for (dnnl_memory m : bound) {
                if (m != null && !m.isNull()) {
                    dnnl_memory_destroy(m);
                }
            }
        }
    }
}
