package io.latentemu.core.diffusion;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The exact denoiser of Gaussian data with independent entries, {@code x ~ N(mean, diag(variance))}:
 * {@code E[x | x + sigma eps] = mean + variance / (variance + sigma^2) (xt - mean)}. Every sampler's
 * result can be checked against it, and it stands in for a network in demos and benchmarks.
 *
 * <p>Entries are independent, so context does not change the estimate of unknown entries; the
 * conditioning is ignored (known entries are handled by {@link MaskedDenoiser}).
 */
public final class GaussianDenoiser implements Denoiser {

    private final INDArray mean;
    private final INDArray variance;

    /**
     * @param mean     mean of one sample (shape without the batch axis, e.g. {@code [L, C, H, W]})
     * @param variance variances, same shape, &gt; 0
     */
    public GaussianDenoiser(INDArray mean, INDArray variance) {
        if (!Arrays.equals(mean.shape(), variance.shape())) {
            throw new IllegalArgumentException("mean " + Arrays.toString(mean.shape()) + " and variance "
                    + Arrays.toString(variance.shape()) + " must have the same shape");
        }
        if (variance.minNumber().doubleValue() <= 0) {
            throw new IllegalArgumentException("variances must be positive");
        }
        this.mean = mean.dup();
        this.variance = variance.dup();
    }

    /** Mean of one sample. */
    public INDArray mean() {
        return mean.dup();
    }

    /** Variances of one sample. */
    public INDArray variance() {
        return variance.dup();
    }

    @Override
    public INDArray denoise(INDArray xt, INDArray sigma, Conditioning conditioning) {
        long rows = xt.size(0);
        long[] sampleShape = Arrays.copyOfRange(xt.shape(), 1, xt.rank());
        if (!Arrays.equals(sampleShape, mean.shape())) {
            throw new IllegalArgumentException("input rows " + Arrays.toString(sampleShape)
                    + " do not match the Gaussian's shape " + Arrays.toString(mean.shape()));
        }
        var type = xt.dataType();
        INDArray m = mean.castTo(type).reshape(1, -1);
        INDArray v = variance.castTo(type).reshape(1, -1);
        INDArray s2 = sigma.castTo(type).reshape(rows, 1);
        s2 = s2.mul(s2);
        INDArray centred = xt.reshape(rows, -1).subRowVector(m);
        // gain[b, d] = v[d] / (v[d] + sigma[b]^2)
        INDArray gain = s2.repeat(1, m.length()).addiRowVector(v).rdivi(1.0).muliRowVector(v);
        return centred.muli(gain).addiRowVector(m).reshape(xt.shape());
    }
}
