package io.latentemu.models.emulator;

import io.latentemu.core.diffusion.Conditioning;
import io.latentemu.models.backbone.Backbone;
import io.latentemu.models.backbone.BackboneConfig;
import io.latentemu.models.backbone.BackboneInput;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.graph.ModelGraph;
import io.latentemu.models.nn.Broadcasts;
import io.latentemu.models.nn.GraphContext;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The parts that the denoiser and the neural solver graphs share: placeholders, mask channel, feeding. */
final class WindowGraph {

    /** Placeholder of the mask, shaped like the window. */
    static final String MASK = "mask";
    /** Placeholder of the simulation parameters {@code [B, P]} (only when P &gt; 0). */
    static final String PARAMETERS = "parameters";
    /** Placeholder of the clean target window (training). */
    static final String TARGET = "target";
    /** The training loss. */
    static final String LOSS = "loss";

    private WindowGraph() {
    }

    /** A window-shaped placeholder with a free batch size. */
    static SDVariable windowPlaceholder(GraphContext ctx, String name, WindowShape s) {
        return ctx.sd().placeHolder(name, ctx.dataType(), -1, s.frames(), s.channels(), s.height(), s.width());
    }

    /** The simulation-parameter placeholder, or null when P = 0. */
    static SDVariable parametersPlaceholder(GraphContext ctx, int parameterCount) {
        return parameterCount == 0 ? null : ctx.sd().placeHolder(PARAMETERS, ctx.dataType(), -1, parameterCount);
    }

    /**
     * Adds the backbone: the mask placeholder becomes one channel per frame (its mean over channels, which is
     * the frame's known flag when whole frames are known).
     */
    static SDVariable backbone(GraphContext ctx, Backbone backbone, SDVariable window, SDVariable mask,
                               SDVariable noiseLevel, SDVariable parameters, WindowShape shape, int parameterCount) {
        SDVariable maskChannel = mask.mean(true, 2);
        BackboneInput input = new BackboneInput(window, maskChannel, noiseLevel, parameters, shape, parameterCount);
        SDVariable out = backbone.apply(ctx.scope("backbone"), input);
        return out.reshape(-1, shape.frames(), shape.channels(), shape.height(), shape.width());
    }

    /**
     * Windows {@code x} scaled row by row by {@code v [B]}. With {@link io.latentemu.models.nn.GraphOptions#matmulBroadcasts()}
     * the rows of x as {@code [B, n]} are scaled by the column v ({@link Broadcasts#multiplyColumn}, whose gradient
     * avoids libnd4j's broadcasting backward pass); otherwise a broadcasting multiply by {@code [B, 1, 1, 1, 1]}.
     */
    static SDVariable scaleRows(GraphContext ctx, SDVariable x, SDVariable v, WindowShape s) {
        if (ctx.options().matmulBroadcasts()) {
            long n = (long) s.frames() * s.channels() * s.height() * s.width();
            return Broadcasts.multiplyColumn(ctx, x.reshape(-1, n), v.reshape(-1, 1)).reshape(ctx.sd().shape(x));
        }
        return x.mul(v.reshape(-1, 1, 1, 1, 1));
    }

    /** The description of a backbone for the model card. */
    static String describe(BackboneConfig config, Backbone backbone) {
        return config != null ? config.getClass().getSimpleName().replace("Config", "").toLowerCase()
                : "custom: " + backbone.getClass().getName();
    }

    /**
     * Adds the mask and parameter inputs of a conditioning to {@code inputs}: the mask (zeros without
     * context) and, when the model takes them, the parameters.
     */
    static void feedConditioning(Map<String, INDArray> inputs, ModelGraph graph, WindowModelSpec spec,
                                 Conditioning c, long[] windowShape) {
        INDArray mask = c.hasContext() ? c.mask() : Nd4j.zeros(graph.dataType(), windowShape);
        spec.window().check(mask.shape(), "context mask");
        inputs.put(MASK, graph.input(mask));
        INDArray p = c.parameters();
        if (spec.parameterCount() > 0) {
            if (p == null || p.rank() != 2 || p.size(1) != spec.parameterCount() || p.size(0) != windowShape[0]) {
                throw new IllegalArgumentException("the model takes " + spec.parameterCount() + " simulation parameters: "
                        + "expected [" + windowShape[0] + ", " + spec.parameterCount() + "], got "
                        + (p == null ? "none" : Arrays.toString(p.shape())));
            }
            inputs.put(PARAMETERS, graph.input(p));
        } else if (p != null && p.size(1) > 0) {
            throw new IllegalArgumentException("the model takes no simulation parameters, got "
                    + Arrays.toString(p.shape()) + " (build it with a parameter count to use them)");
        }
    }

    /** An input array in a type (cast when needed). */
    static INDArray as(INDArray a, DataType type) {
        return a.dataType() == type ? a : a.castTo(type);
    }
}
