package io.latentemu.core.diffusion;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * EDM preconditioning (Karras et al., 2022): how a network {@code F} is wrapped into a denoiser
 * {@code mu = c_skip x_t + c_out F(c_in x_t, c_noise)}, and the loss weight that goes with it.
 *
 * <p>For data of standard deviation {@code sigmaData} and {@code x_t = alpha x + sigma eps}:
 * <pre>
 *   c_in   = 1 / sqrt(alpha^2 sd^2 + sigma^2)
 *   c_out  = sigma sd / sqrt(alpha^2 sd^2 + sigma^2)
 *   c_skip = alpha sd^2 / (alpha^2 sd^2 + sigma^2)
 *   c_noise = log(sigma / alpha)
 *   weight = 1 / c_out^2 = (alpha^2 sd^2 + sigma^2) / (sigma sd)^2
 * </pre>
 * so that the network's input {@code c_in x_t} and its ideal output {@code (x - c_skip x_t) / c_out}
 * both have unit variance, and {@code weight * (mu - x)^2 = (F - F_target)^2}. With {@code sd = 1}
 * (normalised data, {@link #STANDARD}) these are the study's formulas; in the variance-exploding form
 * used by {@link Denoiser} (alpha = 1) the weight is {@code 1 + 1/sigma^2}. In general it is
 * {@code 1 + SNR} with {@code SNR = alpha^2/sigma^2}: it depends on t only through sigma/alpha.
 *
 * <p>The study feeds {@code 10 c_noise} to its noise embedding; such scaling belongs to the network.
 *
 * @param sigmaData standard deviation of the data, &gt; 0
 */
public record Preconditioning(double sigmaData) {

    /** Unit-variance data, the study's setting. */
    public static final Preconditioning STANDARD = new Preconditioning(1.0);

    public Preconditioning {
        if (!(sigmaData > 0 && Double.isFinite(sigmaData))) {
            throw new IllegalArgumentException("sigmaData must be positive, got " + sigmaData);
        }
    }

    /** The four coefficients for one noise level. */
    public Coefficients coefficients(double alpha, double sigma) {
        double sd2 = sigmaData * sigmaData;
        double total = alpha * alpha * sd2 + sigma * sigma;
        double root = Math.sqrt(total);
        return new Coefficients(alpha * sd2 / total, sigma * sigmaData / root, 1 / root, Math.log(sigma / alpha));
    }

    /** Loss weight {@code 1 / c_out^2} for one noise level. */
    public double lossWeight(double alpha, double sigma) {
        double sd2 = sigmaData * sigmaData;
        return (alpha * alpha * sd2 + sigma * sigma) / (sigma * sigma * sd2);
    }

    /** Variance-exploding form (alpha = 1): the coefficients per batch row, each shaped {@code [B]}. */
    public BatchCoefficients coefficients(INDArray sigma) {
        if (sigma.rank() != 1) {
            throw new IllegalArgumentException("sigma must be a vector [B], got shape " + Arrays.toString(sigma.shape()));
        }
        int n = (int) sigma.length();
        double[] skip = new double[n];
        double[] out = new double[n];
        double[] in = new double[n];
        double[] noise = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            double s = sigma.getDouble(i);
            Coefficients c = coefficients(1.0, s);
            skip[i] = c.cSkip();
            out[i] = c.cOut();
            in[i] = c.cIn();
            noise[i] = c.cNoise();
            weight[i] = lossWeight(1.0, s);
        }
        var type = sigma.dataType();
        return new BatchCoefficients(Nd4j.createFromArray(skip).castTo(type), Nd4j.createFromArray(out).castTo(type),
                Nd4j.createFromArray(in).castTo(type), Nd4j.createFromArray(noise).castTo(type),
                Nd4j.createFromArray(weight).castTo(type));
    }

    /**
     * The EDM coefficients for one noise level.
     *
     * @param cSkip  weight of the skip connection
     * @param cOut   scale of the network output
     * @param cIn    scale of the network input
     * @param cNoise noise-level input of the network, {@code log(sigma/alpha)}
     */
    public record Coefficients(double cSkip, double cOut, double cIn, double cNoise) {
    }

    /**
     * The coefficients of a batch, one entry per row, each shaped {@code [B]} in the data type of sigma.
     * Use {@link io.latentemu.core.Broadcast#scaleRows(INDArray, INDArray)} to scale a {@code [B, ...]} tensor row by row.
     *
     * @param cSkip  skip weights
     * @param cOut   output scales
     * @param cIn    input scales
     * @param cNoise noise-level inputs {@code log sigma}
     * @param weight loss weights {@code 1 / c_out^2}
     */
    public record BatchCoefficients(INDArray cSkip, INDArray cOut, INDArray cIn, INDArray cNoise, INDArray weight) {
    }
}
