package io.latentemu.core.metrics;

/**
 * Calibration of an ensemble of K members against the truth u: skill is the RMSE of the ensemble mean,
 * spread is {@code sqrt((K+1)/(K-1) mean_{k,i} (v_k,i - vbar_i)^2)} (the finite-ensemble correction of
 * Fortin et al., 2014, as in the study), and their ratio {@code (spread + 1e-3) / (skill + 1e-3)} is 1 for
 * a calibrated ensemble, below 1 for an overconfident one. With one member the spread is 0.
 *
 * @param spread ensemble spread
 * @param skill  RMSE of the ensemble mean
 * @param ratio  spread-skill ratio
 */
public record SpreadSkill(double spread, double skill, double ratio) {

    /** Guard of the ratio. */
    public static final double GUARD = 1e-3;

    /** Spread and skill of {@code members} (each the size of {@code truth}). */
    public static SpreadSkill of(double[] truth, double[][] members) {
        double[] mean = ensembleMean(members);
        double skill = PointwiseMetrics.rmse(mean, truth);
        int k = members.length;
        double spread = 0;
        if (k > 1) {
            double s = 0;
            for (double[] m : members) {
                for (int i = 0; i < mean.length; i++) {
                    double d = m[i] - mean[i];
                    s += d * d;
                }
            }
            spread = Math.sqrt((k + 1.0) / (k - 1.0) * s / ((double) k * mean.length));
        }
        return new SpreadSkill(spread, skill, (spread + GUARD) / (skill + GUARD));
    }

    /** Pointwise mean of the members. */
    public static double[] ensembleMean(double[][] members) {
        if (members.length == 0) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        double[] mean = new double[members[0].length];
        for (double[] m : members) {
            PointwiseMetrics.check(m, mean);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += m[i] / members.length;
            }
        }
        return mean;
    }
}
