package io.latentemu.core.metrics;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Every metric of the library for one field (one trajectory, channel and lead time): an ensemble of
 * predictions against the truth, on de-normalised values. The pointwise and binned spectral errors
 * are those of the ensemble mean (the study's "skill"; with one member, of the prediction itself); the
 * power-spectrum error compares the members' mean spectrum with the truth's; spread and skill describe
 * the ensemble. Values come in the order of {@link #NAMES}.
 */
public final class FieldMetrics {

    /** Metric names, in the order of {@link #evaluate}'s result. */
    public static final List<String> NAMES = List.of("mse", "rmse", "nrmse", "vrmse", "linf",
            "spectral_mse_0", "spectral_mse_1", "spectral_mse_2",
            "spectral_nmse_0", "spectral_nmse_1", "spectral_nmse_2",
            "power_spectrum_error_low", "power_spectrum_error_mid", "power_spectrum_error_high",
            "spread", "skill", "spread_skill_ratio");

    private final int[] shape;
    private final BinnedSpectralError spectral;
    private final PowerSpectrumError power;

    /** Metrics for fields of the given spatial shape, e.g. {@code {H, W}}. */
    public FieldMetrics(int... shape) {
        this.shape = shape.clone();
        this.spectral = new BinnedSpectralError(shape);
        this.power = new PowerSpectrumError(shape);
    }

    /**
     * @param truth   the true field, row-major, length prod(shape)
     * @param members K &ge; 1 predictions of it
     * @return one value per name of {@link #NAMES}
     */
    public double[] evaluate(double[] truth, double[][] members) {
        double[] mean = SpreadSkill.ensembleMean(members);
        double[] diff = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            diff[i] = mean[i] - truth[i];
        }
        // the FFTs dominate the cost: members, truth and error in parallel
        double[][] powers = IntStream.range(0, members.length + 2).parallel()
                .mapToObj(i -> FftNd.power(i < members.length ? members[i] : i == members.length ? truth : diff, shape))
                .toArray(double[][]::new);
        double[] truthPower = powers[members.length];
        double[][] binned = spectral.fromPowers(powers[members.length + 1], truthPower);
        double[] memberSpectrum = new double[power.binWavenumbers().length];
        for (int k = 0; k < members.length; k++) {
            double[] s = power.spectrumFromPower(powers[k]);
            for (int j = 0; j < s.length; j++) {
                memberSpectrum[j] += s[j] / members.length;
            }
        }
        double[] pse = power.fromSpectra(power.spectrumFromPower(truthPower), memberSpectrum);
        SpreadSkill ss = SpreadSkill.of(truth, members);
        return new double[] {
            PointwiseMetrics.mse(mean, truth), PointwiseMetrics.rmse(mean, truth), PointwiseMetrics.nrmse(mean, truth),
            PointwiseMetrics.vrmse(mean, truth), PointwiseMetrics.linf(mean, truth),
            binned[0][0], binned[0][1], binned[0][2], binned[1][0], binned[1][1], binned[1][2],
            pse[0], pse[1], pse[2],
            ss.spread(), ss.skill(), ss.ratio(),
        };
    }
}
