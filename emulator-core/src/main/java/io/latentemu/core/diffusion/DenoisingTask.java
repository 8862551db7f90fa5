package io.latentemu.core.diffusion;

import io.latentemu.core.Broadcast;
import io.latentemu.core.Seeds;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weighted denoising objective of the study, independent of any network: draws
 * {@code t ~ prior}, corrupts clean data to {@code xt = x + sigma eps} (variance-exploding form,
 * {@code sigma = sigma(t)/alpha(t)}), and weighs the squared error of the estimate {@code mu} by
 * {@code 1/c_out^2}: {@code loss = mean_b( w_b * mean((mu_b - x_b)^2) )}, which for unit-variance data is
 * the study's {@code mean((mu - x)^2) * (1 + 1/sigma^2)}. The exact denoiser of unit-variance Gaussian
 * data scores exactly 1 at every noise level.
 *
 * <p>The loss covers every entry, known ones included, as in the study. A SameDiff model builds the
 * same expression in its graph from {@link NoisyBatch#xt()}, {@link NoisyBatch#sigma()} and
 * {@link NoisyBatch#weight()}.
 *
 * @param schedule        noise schedule
 * @param timePrior       distribution of t
 * @param preconditioning source of the loss weight
 */
public record DenoisingTask(NoiseSchedule schedule, TimePrior timePrior, Preconditioning preconditioning) {

    /** The study's objective: log-logit schedule on [1e-3, 1e3], t ~ U(0, 1), unit-variance data. */
    public static DenoisingTask study() {
        return new DenoisingTask(LogLogitSchedule.standard(), UniformTimePrior.standard(), Preconditioning.STANDARD);
    }

    public DenoisingTask {
        if (schedule == null || timePrior == null || preconditioning == null) {
            throw new IllegalArgumentException("schedule, time prior and preconditioning are required");
        }
    }

    /**
     * Corrupts a clean batch.
     *
     * @param x            clean data {@code [B, ...]}
     * @param conditioning known entries (written into xt by the study's convention) and parameters
     * @param seed         all randomness of this call (times and noise)
     */
    public NoisyBatch corrupt(INDArray x, Conditioning conditioning, long seed) {
        int rows = (int) x.size(0);
        double[] t = timePrior.sample(rows, Seeds.mix(seed, 0));
        double[] sigma = new double[rows];
        double[] weight = new double[rows];
        for (int b = 0; b < rows; b++) {
            sigma[b] = schedule.noiseToSignal(t[b]);
            weight[b] = preconditioning.lossWeight(1.0, sigma[b]);
        }
        INDArray sig = Nd4j.createFromArray(sigma).castTo(x.dataType());
        INDArray eps = NoiseSource.derived(Seeds.mix(seed, 1), rows).gaussian(x.dataType(), x.shape(), 0);
        INDArray xt = Broadcast.scaleRows(eps, sig).addi(x);
        xt = MaskedDenoiser.injectContext(xt, sig, conditioning);
        return new NoisyBatch(xt, sig, Nd4j.createFromArray(weight).castTo(x.dataType()), t);
    }

    /** The weighted loss of estimates {@code mu} against clean {@code x}, both {@code [B, ...]}. */
    public static double loss(INDArray mu, INDArray x, INDArray weight) {
        INDArray se = mu.sub(x);
        se.muli(se);
        INDArray perRow = se.reshape(se.size(0), -1).mean(1);
        return perRow.castTo(weight.dataType()).muli(weight).meanNumber().doubleValue();
    }
}
