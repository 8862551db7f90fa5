package io.latentemu.models.emulator;

import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.core.diffusion.Denoiser;
import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.core.diffusion.NoisyBatch;
import io.latentemu.core.diffusion.Preconditioning;
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
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The EDM-preconditioned denoiser of windows, one SameDiff graph built once:
 * {@code mu = c_skip xt + c_out F(c_in xt, mask, c_noise, parameters)} with a {@link Backbone} F, and its
 * weighted loss {@code mean_b( w_b * mean((mu_b - x_b)^2) )}.
 *
 * <p>The coefficients come from core's {@link Preconditioning} (variance-exploding form, as {@link Denoiser}
 * prescribes) and are fed per row, so the graph holds no schedule; training batches are corrupted by core's
 * {@link DenoisingTask} (noise level, noise, the study's context convention). It is the {@link Denoiser} of
 * diffusion sampling and a {@link TrainableModel} of {@link WindowBatch}es. Not thread-safe.
 */
public final class DiffusionModel extends GraphModel implements Denoiser, TrainableModel<WindowBatch> {

    /** Kind written in the model card. */
    public static final String KIND = "diffusion";
    /** Placeholder of the noisy window {@code xt}, {@code [B, L, C, H, W]} (context written in). */
    public static final String XT = "xt";
    /** Placeholders of the per-row EDM coefficients {@code [B]}. */
    public static final String C_IN = "c_in";
    public static final String C_SKIP = "c_skip";
    public static final String C_OUT = "c_out";
    public static final String C_NOISE = "c_noise";
    /** Placeholder of the per-row loss weights {@code [B]}. */
    public static final String WEIGHT = "weight";
    /** The denoised estimate {@code mu}. */
    public static final String DENOISED = "denoised";
    /** The weighted loss. */
    public static final String LOSS = WindowGraph.LOSS;

    private final ModelGraph graph;
    private final WindowModelSpec spec;

    private DiffusionModel(ModelGraph graph, ModelCard card) {
        super(graph, card);
        this.graph = graph;
        this.spec = spec(WindowModelSpec.class);
        if (spec.task() == null) {
            throw new IllegalArgumentException("a diffusion model's card needs its denoising task");
        }
    }

    /** Builds a denoiser with a built-in backbone. */
    public static DiffusionModel build(WindowShape window, int parameterCount, BackboneConfig backbone,
                                       DenoisingTask task, BuildOptions options) {
        return build(new WindowModelSpec(window, parameterCount, backbone, WindowGraph.describe(backbone, null), task),
                backbone.create(), options);
    }

    /** Builds a denoiser with a custom backbone. */
    public static DiffusionModel build(WindowShape window, int parameterCount, Backbone backbone,
                                       DenoisingTask task, BuildOptions options) {
        return build(new WindowModelSpec(window, parameterCount, null, WindowGraph.describe(null, backbone), task),
                backbone, options);
    }

    private static DiffusionModel build(WindowModelSpec spec, Backbone backbone, BuildOptions options) {
        Objects.requireNonNull(spec.task(), "task");
        GraphContext ctx = options.newContext();
        WindowShape s = spec.window();
        SDVariable xt = WindowGraph.windowPlaceholder(ctx, XT, s);
        SDVariable mask = WindowGraph.windowPlaceholder(ctx, WindowGraph.MASK, s);
        SDVariable cIn = ctx.sd().placeHolder(C_IN, ctx.dataType(), -1);
        SDVariable cSkip = ctx.sd().placeHolder(C_SKIP, ctx.dataType(), -1);
        SDVariable cOut = ctx.sd().placeHolder(C_OUT, ctx.dataType(), -1);
        SDVariable cNoise = ctx.sd().placeHolder(C_NOISE, ctx.dataType(), -1);
        SDVariable parameters = WindowGraph.parametersPlaceholder(ctx, spec.parameterCount());

        SDVariable f = WindowGraph.backbone(ctx, backbone, WindowGraph.scaleRows(ctx, xt, cIn, s), mask, cNoise,
                parameters, s, spec.parameterCount());
        SDVariable mu = WindowGraph.scaleRows(ctx, xt, cSkip, s).add(WindowGraph.scaleRows(ctx, f, cOut, s));
        mu.rename(DENOISED);

        SDVariable target = WindowGraph.windowPlaceholder(ctx, WindowGraph.TARGET, s);
        SDVariable weight = ctx.sd().placeHolder(WEIGHT, ctx.dataType(), -1);
        SDVariable error = mu.sub(target);
        SDVariable perRow = error.mul(error).mean(1, 2, 3, 4);
        perRow.mul(weight).mean().rename(LOSS);
        ctx.sd().setLossVariables(LOSS);
        ModelGraph graph = new ModelGraph(ctx.sd(), options.dataType(), ctx.parameters());
        return new DiffusionModel(graph, graph.card(KIND, spec));
    }

    /** Loads a model file written by {@link #save}. */
    public static DiffusionModel load(Path path) throws IOException {
        Loaded loaded = read(path, KIND);
        return new DiffusionModel(loaded.graph(), loaded.card());
    }

    /**
     * The estimate of the clean window. Follows {@link Denoiser}'s convention: known entries of {@code xt}
     * already hold {@code sqrt(1 + sigma^2)} times their clean values (core's {@code MaskedDenoiser} writes
     * them) and the mask of the conditioning enters the network.
     */
    @Override
    public INDArray denoise(INDArray xt, INDArray sigma, Conditioning conditioning) {
        spec.window().check(xt.shape(), "xt");
        Map<String, INDArray> inputs = inputs(xt, sigma, conditioning);
        return graph.inferSingle(inputs, DENOISED);
    }

    /** The weighted loss of a batch (corrupted with core's {@link DenoisingTask}) and its gradients. */
    @Override
    public LossAndGradients lossAndGradients(WindowBatch batch, long seed) {
        spec.window().check(batch.windows().shape(), "training windows");
        NoisyBatch noisy = spec.task().corrupt(batch.windows(), batch.conditioning(), seed);
        Map<String, INDArray> inputs = inputs(noisy.xt(), noisy.sigma(), batch.conditioning());
        inputs.put(WindowGraph.TARGET, graph.input(batch.windows()));
        inputs.put(WEIGHT, graph.input(noisy.weight()));
        return graph.lossAndGradients(inputs, LOSS, seed);
    }

    private Map<String, INDArray> inputs(INDArray xt, INDArray sigma, Conditioning conditioning) {
        if (sigma.rank() != 1 || sigma.length() != xt.size(0)) {
            throw new IllegalArgumentException("sigma must be [" + xt.size(0) + "], got " + java.util.Arrays.toString(sigma.shape()));
        }
        Preconditioning.BatchCoefficients c = spec.task().preconditioning().coefficients(sigma.castTo(graph.dataType()));
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put(XT, graph.input(xt));
        inputs.put(C_IN, c.cIn());
        inputs.put(C_SKIP, c.cSkip());
        inputs.put(C_OUT, c.cOut());
        inputs.put(C_NOISE, c.cNoise());
        WindowGraph.feedConditioning(inputs, graph, spec, conditioning, xt.shape());
        return inputs;
    }

    /** The window shape, parameter count, backbone and objective. */
    public WindowModelSpec spec() {
        return spec;
    }

    /** The diffusion objective (schedule, time prior, preconditioning). */
    public DenoisingTask task() {
        return spec.task();
    }

}
