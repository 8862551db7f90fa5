package io.latentemu.models.nn;

import io.latentemu.models.onednn.OneDnn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where building blocks add their nodes: a SameDiff graph, its floating-point type, the seed from which
 * parameters are initialised, a name scope, the registry of trainable parameters with their weight-decay
 * flags, and the training flag that switches dropout on.
 *
 * <p>Scopes are cheap views ({@link #scope(String)}) sharing one registry, so a network written as nested
 * blocks gets parameter names such as {@code enc/level1/block0/conv2/W}. Each parameter draws its initial
 * values from a random stream derived from the seed and its full name, so adding a block elsewhere never
 * changes the initial values of the others.
 *
 * <p>A parameter name may be declared once; {@link #sharingParameters()} gives a view in which declaring an
 * existing name returns the existing variable (after checking its shape), which is how the same decoder is
 * added twice to one graph (once on a placeholder, once on the encoder's output).
 *
 * <p>A view also says in which {@link Layout} the convolutional blocks added through it hold image tensors.
 */
public final class GraphContext {

    /**
     * Name of the boolean placeholder that is true while training. SameDiff feeds a placeholder whose name ends
     * in {@code keras_learning_phase} with true in {@code fit}/{@code calculateGradients} and false in
     * {@code output}; the models also feed it explicitly.
     */
    public static final String TRAINING_FLAG = "keras_learning_phase";

    private final Shared shared;
    private final String prefix;
    private final boolean shareParameters;
    private final Layout layout;

    private GraphContext(Shared shared, String prefix, boolean shareParameters, Layout layout) {
        this.shared = shared;
        this.prefix = prefix;
        this.shareParameters = shareParameters;
        this.layout = layout;
    }

    /** A context over a new graph. */
    public static GraphContext create(DataType dataType, long seed, GraphOptions options) {
        return create(SameDiff.create(), dataType, seed, options);
    }

    /** A context adding nodes to an existing graph. */
    public static GraphContext create(SameDiff sd, DataType dataType, long seed, GraphOptions options) {
        Objects.requireNonNull(sd, "sd");
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("a network needs a floating-point type, got " + dataType);
        }
        return new GraphContext(new Shared(sd, dataType, seed, Objects.requireNonNull(options, "options")), "", false,
                Layout.CHANNELS_FIRST);
    }

    /** The graph. */
    public SameDiff sd() {
        return shared.sd;
    }

    /** Floating-point type of parameters, constants and activations. */
    public DataType dataType() {
        return shared.dataType;
    }

    /** Implementation choices (which norm op, ...). */
    public GraphOptions options() {
        return shared.options;
    }

    /** Whether norms and SiLU use oneDNN's kernels here: the options ask for them and they run for this type. */
    public boolean oneDnnKernels() {
        return shared.options.oneDnnKernels() && OneDnn.supports(shared.dataType);
    }

    /** A view whose names start with this scope's prefix followed by {@code name + "/"}. */
    public GraphContext scope(String name) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("a scope name is a non-empty word without '/': " + name);
        }
        return new GraphContext(shared, prefix + name + "/", shareParameters, layout);
    }

    /** A view in which re-declaring a parameter returns the existing variable of the same shape. */
    public GraphContext sharingParameters() {
        return new GraphContext(shared, prefix, true, layout);
    }

    /** The layout of image tensors that blocks added in this view take and return (channels first by default). */
    public Layout layout() {
        return layout;
    }

    /** A view whose blocks take and return image tensors in {@code layout}. */
    public GraphContext withLayout(Layout layout) {
        return new GraphContext(shared, prefix, shareParameters, Objects.requireNonNull(layout, "layout"));
    }

    /** The full name of {@code local} in this scope. */
    public String name(String local) {
        return prefix + local;
    }

    /**
     * Declares a trainable parameter {@code scope/local}.
     *
     * @param weightDecay whether decoupled weight decay applies to it (weights yes; biases, gains, codes no)
     */
    public SDVariable param(String local, Init init, boolean weightDecay, long... shape) {
        String full = name(local);
        SameDiff sd = shared.sd;
        if (sd.hasVariable(full)) {
            SDVariable existing = sd.getVariable(full);
            if (!shareParameters || !shared.parameters.containsKey(full)) {
                throw new IllegalStateException("parameter declared twice: " + full);
            }
            long[] have = existing.getArr().shape();
            if (!Arrays.equals(have, shape)) {
                throw new IllegalStateException("parameter " + full + " shared with shape " + Arrays.toString(shape)
                        + " but declared as " + Arrays.toString(have));
            }
            return existing;
        }
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("parameter " + full + " needs positive dimensions: " + Arrays.toString(shape));
            }
        }
        double[] values = init.values(shape, new SplittableRandom(streamSeed(shared.seed, full)));
        INDArray array = Nd4j.create(values, shape, DataType.DOUBLE).castTo(shared.dataType);
        SDVariable v = sd.var(full, array);
        shared.parameters.put(full, weightDecay);
        return v;
    }

    /** A constant array of this graph's type. */
    public SDVariable constant(INDArray value) {
        return shared.sd.constant(value.castTo(shared.dataType));
    }

    /** A scalar constant of this graph's type. */
    public SDVariable scalar(double value) {
        return shared.sd.constant(Nd4j.scalar(shared.dataType, value));
    }

    /** The training flag ({@value #TRAINING_FLAG}, boolean scalar placeholder), created on first use. */
    public SDVariable trainingFlag() {
        SameDiff sd = shared.sd;
        if (sd.hasVariable(TRAINING_FLAG)) {
            return sd.getVariable(TRAINING_FLAG);
        }
        return sd.placeHolder(TRAINING_FLAG, DataType.BOOL);
    }

    /** Trainable parameters declared so far, in declaration order, with their weight-decay flags. */
    public Map<String, Boolean> parameters() {
        return Collections.unmodifiableMap(shared.parameters);
    }

    /** 64-bit FNV-1a of the name mixed with the seed: one independent stream per parameter. */
    static long streamSeed(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        long z = seed * 0x9E3779B97F4A7C15L + h;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static final class Shared {
        final SameDiff sd;
        final DataType dataType;
        final long seed;
        final GraphOptions options;
        final Map<String, Boolean> parameters = new LinkedHashMap<>();

        Shared(SameDiff sd, DataType dataType, long seed, GraphOptions options) {
            this.sd = sd;
            this.dataType = dataType;
            this.seed = seed;
            this.options = options;
        }
    }
}
