package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.random.custom.DistributionUniform;

/**
 * Inverted dropout that is active only while training: {@code y = x * (1 + t * (mask - 1))}, where t is the
 * training flag (1 in training, 0 in inference) and {@code mask} is 0 with probability {@code rate} and
 * {@code 1/(1-rate)} otherwise. The uniform draw behind the mask takes its generator state from
 * {@link io.latentemu.models.graph.RandomOpSeeder}, which {@link io.latentemu.models.graph.ModelGraph} attaches:
 * without it SameDiff M2.1 repeats the same mask on every run.
 *
 * <p>Built from a uniform draw shaped like {@code x} at run time: SameDiff's own dropout ops are always on and
 * size their output from the declared shape, which fails for a batch dimension of -1.
 */
public final class Dropout {

    private Dropout() {
    }

    /** Adds dropout of the given rate; a rate of 0 adds nothing. */
    public static SDVariable apply(GraphContext ctx, SDVariable x, double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1): " + rate);
        }
        if (rate == 0) {
            return x;
        }
        SDVariable training = ctx.trainingFlag().castTo(ctx.dataType());
        SDVariable uniform = new DistributionUniform(ctx.sd(), ctx.sd().shape(x), 0.0, 1.0, ctx.dataType())
                .outputVariable();
        SDVariable mask = uniform.gte(rate).castTo(ctx.dataType()).mul(1.0 / (1.0 - rate));
        SDVariable factor = mask.sub(1.0).mul(training).add(1.0);
        return x.mul(factor);
    }
}
