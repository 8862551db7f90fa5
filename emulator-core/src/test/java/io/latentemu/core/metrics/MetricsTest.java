package io.latentemu.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void pointwiseMetricsMatchHandComputedValues() {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 1, 1, 5};
        // x - y = [0, 1, 2, -1]: MSE = 6/4; mean(y^2) = 28/4 = 7; mean(y) = 2, unbiased var = 12/3 = 4
        assertEquals(1.5, PointwiseMetrics.mse(x, y), 1e-15);
        assertEquals(Math.sqrt(1.5), PointwiseMetrics.rmse(x, y), 1e-15);
        assertEquals(Math.sqrt(1.5 / (7 + 1e-7)), PointwiseMetrics.nrmse(x, y), 1e-15);
        assertEquals(Math.sqrt(1.5 / (4 + 1e-7)), PointwiseMetrics.vrmse(x, y), 1e-15);
        assertEquals(2.0, PointwiseMetrics.linf(x, y), 0);
    }

    @Test
    void binEdgesFor512AreTheWellsValues() {
        double[] e = BinnedSpectralError.edges(512, 512);
        assertEquals(0.0, e[0], 0);
        assertEquals(0.0875, e[1], 5e-5);
        assertEquals(0.623, e[2], 5e-4);
        assertEquals(4.443, e[3], 5e-4);
    }

    @Test
    void spectralBinsSumToTheMse() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int[] shape : new int[][] {{32, 32}, {24, 40}, {6, 8, 10}}) {
            int n = FftNd.size(shape);
            double[] y = rng.doubles(n, -2, 2).toArray();
            double[] x = rng.doubles(n, -2, 2).toArray();
            double[] mse = new BinnedSpectralError(shape).evaluate(x, y)[0];
            assertEquals(PointwiseMetrics.mse(x, y), mse[0] + mse[1] + mse[2], 1e-12, java.util.Arrays.toString(shape));
            assertTrue(mse[0] > 0 && mse[1] > 0 && mse[2] > 0);
        }
    }

    @Test
    void aSingleWaveFallsInItsBin() {
        // 64 x 64, edges 0, 0.3496, 1.2457, 4.443; an error wave cos(2 pi 4 i / 64) has |k| = 0.393 (mid bin),
        // MSE 1/2; the truth 2 cos(same wave) has energy 2 there, so NMSE = 0.5 / (2 + 1e-7)
        int n = 64;
        double[] y = new double[n * n];
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double w = Math.cos(2 * Math.PI * 4 * i / n);
                y[i * n + j] = 2 * w;
                x[i * n + j] = 3 * w;
            }
        }
        double[][] r = new BinnedSpectralError(n, n).evaluate(x, y);
        assertArrayEquals(new double[] {0, 0.5, 0}, r[0], 1e-12);
        assertArrayEquals(new double[] {0, 0.5 / (2 + 1e-7), 0}, r[1], 1e-12);
    }

    @Test
    void powerSpectrumConservesEnergyAndLocatesAWave() {
        int h = 48;
        int w = 64;
        PowerSpectrumError pse = new PowerSpectrumError(h, w);
        // bins: floor(sqrt(2) * 48 / 2) = 33 of width kmax / 33, kmax = sqrt(0.5^2 + 0.5^2)
        double[] k = pse.binWavenumbers();
        assertEquals(33, k.length);
        assertEquals(Math.sqrt(0.5) / 33, k[0], 1e-15);
        double[] bands = pse.bandEdges();
        assertEquals(k[0], bands[0], 1e-15);
        assertEquals(0.5, bands[3], 1e-15);
        assertEquals(Math.pow(k[0], 2.0 / 3) * Math.pow(0.5, 1.0 / 3), bands[1], 1e-12);

        // sum over bins of (mean power x count) = sum x^2 - (sum x)^2 / N (all but the mean, by Parseval)
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = rng.doubles(h * w, -1, 3).toArray();
        double[] counts = countsPerBin(h, w, k);
        double[] p = pse.spectrum(x);
        double total = 0;
        for (int j = 0; j < p.length; j++) {
            total += p[j] * counts[j];
        }
        double sum = 0;
        double sumSq = 0;
        for (double v : x) {
            sum += v;
            sumSq += v * v;
        }
        assertEquals(sumSq - sum * sum / x.length, total, 1e-9 * sumSq);

        // a wave of amplitude A along the second axis at 8 cycles per 64 cells: |k| = 0.125; the two peaks
        // carry |A N / 2|^2 / N each (orthonormal), spread over the count of points in that bin
        double[] wave = new double[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                wave[i * w + j] = 1.5 * Math.cos(2 * Math.PI * 8 * j / w);
            }
        }
        double[] pw = pse.spectrum(wave);
        int bin = (int) Math.ceil(0.125 / k[0] - 1e-9) - 1;
        assertEquals(2 * Math.pow(1.5 * h * w / 2, 2) / (h * w) / counts[bin], pw[bin], 1e-9);
    }

    @Test
    void powerSpectrumErrorIsZeroForTheTruthAndThreeForDoubledFields() {
        SplittableRandom rng = new SplittableRandom(6);
        double[] u = rng.doubles(32 * 32, -1, 1).toArray();
        double[] twice = u.clone();
        for (int i = 0; i < twice.length; i++) {
            twice[i] *= 2;
        }
        PowerSpectrumError pse = new PowerSpectrumError(32, 32);
        assertArrayEquals(new double[] {0, 0, 0}, pse.evaluate(u, new double[][] {u}), 0);
        // P_v = 4 P_u: the error is |1 - (4P + g)/(P + g)| = 3 up to g = 1e-6 relative to P ~ 1/3
        double[] e = pse.evaluate(u, new double[][] {twice, twice});
        for (double v : e) {
            assertEquals(3.0, v, 1e-4);
        }
    }

    @Test
    void spreadAndSkillMatchHandComputedValuesAndCalibratedEnsemblesScoreOne() {
        SpreadSkill s = SpreadSkill.of(new double[] {0, 0}, new double[][] {{1, -1}, {3, 1}});
        // mean [2, 0]: skill sqrt(4/2); deviations +-1 everywhere: spread sqrt(3/1 * 1)
        assertEquals(Math.sqrt(2), s.skill(), 1e-15);
        assertEquals(Math.sqrt(3), s.spread(), 1e-15);
        assertEquals((Math.sqrt(3) + 1e-3) / (Math.sqrt(2) + 1e-3), s.ratio(), 1e-15);
        assertEquals(0, SpreadSkill.of(new double[] {1}, new double[][] {{2}}).spread(), 0);

        // truth and K members drawn from one distribution: spread^2 and skill^2 both estimate 1 + 1/K
        SplittableRandom rng = new SplittableRandom(7);
        int n = 200_000;
        int k = 4;
        double[] truth = new double[n];
        double[][] members = new double[k][n];
        for (int i = 0; i < n; i++) {
            truth[i] = rng.nextGaussian();
            for (int m = 0; m < k; m++) {
                members[m][i] = rng.nextGaussian();
            }
        }
        SpreadSkill c = SpreadSkill.of(truth, members);
        assertEquals(Math.sqrt(1.25), c.skill(), 0.01);
        assertEquals(Math.sqrt(1.25), c.spread(), 0.01);
        assertEquals(1.0, c.ratio(), 0.02);
    }

    @Test
    void fieldMetricsOfAPerfectEnsembleAreZero() {
        SplittableRandom rng = new SplittableRandom(8);
        double[] u = rng.doubles(16 * 20, -1, 1).toArray();
        double[] m = new FieldMetrics(16, 20).evaluate(u, new double[][] {u, u, u});
        for (int i = 0; i < FieldMetrics.NAMES.size(); i++) {
            String name = FieldMetrics.NAMES.get(i);
            // zero in exact arithmetic; the mean of identical spectra may round in the last bit
            assertEquals(name.equals("spread_skill_ratio") ? 1.0 : 0.0, m[i], 1e-12, name);
        }
    }

    private static double[] countsPerBin(int h, int w, double[] k) {
        double[] kIso = Wavenumbers.isotropic(1.0, h, w);
        double[] counts = new double[k.length];
        for (double v : kIso) {
            for (int j = 0; j < k.length; j++) {
                double lower = j == 0 ? 0 : k[j - 1];
                if (v > lower + 1e-12 && v <= k[j] + 1e-12) {
                    counts[j]++;
                    break;
                }
            }
        }
        return counts;
    }
}
