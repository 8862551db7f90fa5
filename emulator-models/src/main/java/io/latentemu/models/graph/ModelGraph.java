package io.latentemu.models.graph;

import io.latentemu.core.train.LossAndGradients;
import io.latentemu.models.nn.GraphContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff graph built once and run many times: named inputs (placeholders) and outputs, the trainable
 * parameters with their weight-decay flags, inference runs (training flag false: dropout off) and training
 * evaluations (loss and gradients, training flag true).
 *
 * <p>The parameter arrays are the ones the graph computes with, so an optimiser that updates them in place
 * changes the model. Not thread-safe: one call at a time per graph.
 */
public final class ModelGraph {

    private final SameDiff sd;
    private final DataType dataType;
    private final Map<String, INDArray> parameters;
    private final Set<String> decayed;
    private final boolean hasTrainingFlag;
    private final RandomOpSeeder seeder = new RandomOpSeeder();
    private boolean reshapeViews = true;
    /** Name under which SameDiff stores the gradient function of a graph. */
    private static final String GRADIENT_FUNCTION = "grad";

    /**
     * Wraps a built graph.
     *
     * @param sd       the graph
     * @param dataType floating-point type of its inputs
     * @param decays   every trainable variable of the graph and whether weight decay applies to it
     */
    public ModelGraph(SameDiff sd, DataType dataType, Map<String, Boolean> decays) {
        this.sd = Objects.requireNonNull(sd, "sd");
        this.dataType = dataType;
        Map<String, INDArray> params = new LinkedHashMap<>();
        Set<String> dec = new TreeSet<>();
        for (Map.Entry<String, Boolean> e : decays.entrySet()) {
            SDVariable v = sd.getVariable(e.getKey());
            if (v == null || v.getVariableType() != VariableType.VARIABLE) {
                throw new IllegalArgumentException("no trainable variable named " + e.getKey() + " in the graph");
            }
            params.put(e.getKey(), v.getArr());
            if (e.getValue()) {
                dec.add(e.getKey());
            }
        }
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE && !params.containsKey(v.name())) {
                throw new IllegalArgumentException("trainable variable " + v.name() + " has no weight-decay flag");
            }
        }
        this.parameters = Collections.unmodifiableMap(params);
        this.decayed = Collections.unmodifiableSet(dec);
        this.hasTrainingFlag = sd.hasVariable(GraphContext.TRAINING_FLAG);
        if (hasTrainingFlag) {
            sd.addListeners(seeder);
        }
        sd.addListeners(new LivenessListener());
    }

    /** Wraps a graph read from a model file; its card names the parameters that take weight decay. */
    public static ModelGraph loaded(SameDiff sd, ModelCard card) {
        Map<String, Boolean> decays = new LinkedHashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                decays.put(v.name(), card.decayedParameters().contains(v.name()));
            }
        }
        return new ModelGraph(sd, DataType.valueOf(card.dataType()), decays);
    }

    /** A card of the given kind describing this graph (type, decayed parameters) and the model's spec. */
    public ModelCard card(String kind, Object spec) {
        return new ModelCard(kind, ModelCard.FORMAT_VERSION, dataType.name(), ModelArchive.json().valueToTree(spec),
                new java.util.ArrayList<>(decayed), null, null, null, Map.of());
    }

    /**
     * Whether runs execute reshapes as views of their inputs ({@link ReshapeViewSession}; the default) or with
     * libnd4j's copying {@code reshape} op (for the comparison in docs/performance.md). Results are the same.
     */
    public void setReshapeViews(boolean on) {
        reshapeViews = on;
    }

    /** See {@link #setReshapeViews}. */
    public boolean reshapeViews() {
        return reshapeViews;
    }

    /** The graph itself (to add outputs, attach listeners, profile). */
    public SameDiff sameDiff() {
        return sd;
    }

    /** Floating-point type of the graph's inputs and parameters. */
    public DataType dataType() {
        return dataType;
    }

    /** The trainable parameters by name, in declaration order; these are the arrays the graph uses. */
    public Map<String, INDArray> parameters() {
        return parameters;
    }

    /** Names of the parameters that take weight decay. */
    public Set<String> decayedParameters() {
        return decayed;
    }

    /** Whether decoupled weight decay applies to a parameter. */
    public boolean decays(String name) {
        if (!parameters.containsKey(name)) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return decayed.contains(name);
    }

    /** Total number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (INDArray p : parameters.values()) {
            n += p.length();
        }
        return n;
    }

    /** An input array in the graph's type (cast when needed, never modified). */
    public INDArray input(INDArray a) {
        return a.dataType() == dataType ? a : a.castTo(dataType);
    }

    /** Runs the graph in inference mode (dropout off) and returns the requested outputs (the caller's to keep). */
    public Map<String, INDArray> infer(Map<String, INDArray> inputs, String... outputs) {
        seeder.reset(0);
        beginRun(sd, Set.copyOf(Arrays.asList(outputs)));
        return kept(sd.output(withFlag(inputs, false), outputs));
    }

    /** Runs the graph in inference mode and returns one output. */
    public INDArray inferSingle(Map<String, INDArray> inputs, String output) {
        return infer(inputs, output).get(output);
    }

    /**
     * Runs the graph in training mode (dropout on, its masks drawn from {@code seed}) and returns the requested
     * outputs, without gradients.
     */
    public Map<String, INDArray> evaluateTraining(Map<String, INDArray> inputs, long seed, String... outputs) {
        seeder.reset(seed);
        beginRun(sd, Set.copyOf(Arrays.asList(outputs)));
        return kept(sd.output(withFlag(inputs, true), outputs));
    }

    /**
     * The scalar {@code loss} output and its gradient for every parameter, in training mode (dropout on, its
     * masks drawn from {@code seed}). The gradient arrays are recycled by the next run of this graph: use them
     * (or copy them) before calling it again.
     */
    public LossAndGradients lossAndGradients(Map<String, INDArray> inputs, String loss, long seed) {
        seeder.reset(seed);
        if (sd.getFunction(GRADIENT_FUNCTION) == null) {
            createGradientFunctionQuietly();
        }
        Set<String> returned = new HashSet<>();
        returned.add(loss);
        for (String p : parameters.keySet()) {
            SDVariable g = sd.getVariable(p).getGradient();
            if (g != null) {
                returned.add(g.name());
            }
        }
        beginRun(sd.getFunction(GRADIENT_FUNCTION), returned);
        OutAndGrad result = sd.calculateGradientsAndOutputs(withFlag(inputs, true), List.of(loss), parameters.keySet());
        Map<String, INDArray> grads = result.getGradients();
        for (String name : parameters.keySet()) {
            if (grads.get(name) == null) {
                throw new IllegalStateException("the loss " + loss + " does not depend on parameter " + name);
            }
        }
        return new LossAndGradients(result.getOutputs().get(loss).getDouble(0), grads);
    }

    /**
     * Builds the gradient graph once. SameDiff M2.1 prints a line per differentiated op to standard output
     * while doing so (hundreds of lines for a real network), so standard output is muted meanwhile.
     */
    private void createGradientFunctionQuietly() {
        synchronized (System.class) {
            java.io.PrintStream out = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    /**
     * Recycles the arrays of the previous run of {@code graph} on this thread (see {@link ReusingMemoryManager}),
     * creating the thread's session (a {@link ReshapeViewSession} unless {@link #setReshapeViews} turned views
     * off, else a {@link JavaOpSession}: both run the oneDNN ops) with the recycling manager before its first
     * run; the run returns
     * {@code outputs}, and every other array goes back to the pool after its last reader.
     */
    private void beginRun(SameDiff graph, Set<String> outputs) {
        Class<? extends JavaOpSession> kind = reshapeViews ? ReshapeViewSession.class : JavaOpSession.class;
        InferenceSession session = JavaOpSession.forThisThread(graph, s -> s.getClass() == kind,
                g -> reshapeViews ? new ReshapeViewSession(g) : new JavaOpSession(g));
        if (!(session.getMmgr() instanceof ReusingMemoryManager)) {
            session.setMmgr(new ReusingMemoryManager());
        }
        ((ReusingMemoryManager) session.getMmgr()).beginRun(graph, outputs);
    }

    /** Copies of outputs, which the next run would otherwise recycle. */
    private static Map<String, INDArray> kept(Map<String, INDArray> outputs) {
        Map<String, INDArray> copies = new HashMap<>();
        outputs.forEach((name, a) -> copies.put(name, a == null ? null : a.dup()));
        return copies;
    }

    private Map<String, INDArray> withFlag(Map<String, INDArray> inputs, boolean training) {
        if (!hasTrainingFlag) {
            return inputs;
        }
        Map<String, INDArray> all = new HashMap<>(inputs);
        all.put(GraphContext.TRAINING_FLAG, Nd4j.scalar(training));
        return all;
    }
}
