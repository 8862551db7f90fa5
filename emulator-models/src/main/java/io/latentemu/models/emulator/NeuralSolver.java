package io.latentemu.models.emulator;

import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.core.rollout.WindowPredictor;
import io.latentemu.core.train.LossAndGradients;
import io.latentemu.core.train.TrainableModel;
import io.latentemu.models.backbone.Backbone;
import io.latentemu.models.backbone.BackboneConfig;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.graph.GraphModel;
import io.latentemu.models.graph.ModelCard;
import io.latentemu.models.graph.ModelGraph;
import io.latentemu.models.nn.GraphContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The deterministic baseline ("neural solver"): the same backbone without the noise input maps the window of
 * known frames (zeros elsewhere) and its mask to the whole window in one pass, trained with the mean squared
 * error over the entries it must predict (mask 0). It is the {@link WindowPredictor} of core's
 * {@code DeterministicEmulator} and a {@link TrainableModel} of {@link WindowBatch}es. Not thread-safe.
 */
public final class NeuralSolver extends GraphModel implements WindowPredictor, TrainableModel<WindowBatch> {

    /** Kind written in the model card. */
    public static final String KIND = "solver";
    /** Placeholder of the known values, zero elsewhere, {@code [B, L, C, H, W]}. */
    public static final String VALUES = "values";
    /** The predicted window. */
    public static final String PREDICTION = "prediction";
    /** Mean squared error over the entries to predict. */
    public static final String LOSS = WindowGraph.LOSS;

    private final ModelGraph graph;
    private final WindowModelSpec spec;

    private NeuralSolver(ModelGraph graph, ModelCard card) {
        super(graph, card);
        this.graph = graph;
        this.spec = spec(WindowModelSpec.class);
    }

    /** Builds a solver with a built-in backbone. */
    public static NeuralSolver build(WindowShape window, int parameterCount, BackboneConfig backbone, BuildOptions options) {
        return build(new WindowModelSpec(window, parameterCount, backbone, WindowGraph.describe(backbone, null), null),
                backbone.create(), options);
    }

    /** Builds a solver with a custom backbone. */
    public static NeuralSolver build(WindowShape window, int parameterCount, Backbone backbone, BuildOptions options) {
        return build(new WindowModelSpec(window, parameterCount, null, WindowGraph.describe(null, backbone), null),
                backbone, options);
    }

    private static NeuralSolver build(WindowModelSpec spec, Backbone backbone, BuildOptions options) {
        GraphContext ctx = options.newContext();
        WindowShape s = spec.window();
        SDVariable values = WindowGraph.windowPlaceholder(ctx, VALUES, s);
        SDVariable mask = WindowGraph.windowPlaceholder(ctx, WindowGraph.MASK, s);
        SDVariable parameters = WindowGraph.parametersPlaceholder(ctx, spec.parameterCount());
        SDVariable prediction = WindowGraph.backbone(ctx, backbone, values, mask, null, parameters, s,
                spec.parameterCount());
        prediction.rename(PREDICTION);
        SDVariable target = WindowGraph.windowPlaceholder(ctx, WindowGraph.TARGET, s);
        SDVariable unknown = mask.rsub(1.0);
        SDVariable error = prediction.sub(target);
        SDVariable squared = error.mul(error).mul(unknown);
        squared.sum().div(unknown.sum()).rename(LOSS);
        ctx.sd().setLossVariables(LOSS);
        ModelGraph graph = new ModelGraph(ctx.sd(), options.dataType(), ctx.parameters());
        return new NeuralSolver(graph, graph.card(KIND, spec));
    }

    /** Loads a model file written by {@link #save}. */
    public static NeuralSolver load(Path path) throws IOException {
        Loaded loaded = read(path, KIND);
        return new NeuralSolver(loaded.graph(), loaded.card());
    }

    @Override
    public INDArray predict(Conditioning conditioning) {
        if (!conditioning.hasContext()) {
            throw new IllegalArgumentException("a neural solver predicts from context: the conditioning has none");
        }
        return graph.inferSingle(inputs(conditioning), PREDICTION);
    }

    /** Mean squared error over the entries to predict, and its gradients. */
    @Override
    public LossAndGradients lossAndGradients(WindowBatch batch, long seed) {
        spec.window().check(batch.windows().shape(), "training windows");
        Conditioning c = batch.conditioning();
        if (!c.hasContext() || c.mask().minNumber().doubleValue() >= 1) {
            throw new IllegalArgumentException("a solver batch needs context and at least one entry to predict");
        }
        Map<String, INDArray> inputs = inputs(c);
        inputs.put(WindowGraph.TARGET, graph.input(batch.windows()));
        return graph.lossAndGradients(inputs, LOSS, seed);
    }

    private Map<String, INDArray> inputs(Conditioning c) {
        spec.window().check(c.values().shape(), "context values");
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put(VALUES, graph.input(c.values()));
        WindowGraph.feedConditioning(inputs, graph, spec, c, c.values().shape());
        return inputs;
    }

    /** The window shape, parameter count and backbone. */
    public WindowModelSpec spec() {
        return spec;
    }

}
