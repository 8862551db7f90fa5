package io.latentemu.data.norm;

import io.latentemu.data.TestDatasets;
import io.latentemu.data.WellDataException;
import io.latentemu.data.well.WellDataset;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellMetadata;
import io.latentemu.data.well.WellSplit;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalizerTest {

    /** Numbers copied from advection_2d_tiny/stats.yaml (written by numpy). */
    private static final double MEAN_DENSITY = 0.9999999999795195;
    private static final double STD_DENSITY = 0.149947318113882;
    private static final double MEAN_VY = 0.19726037234067917;
    private static final double STD_VY = 0.38344742352923733;
    private static final double RMS_PRESSURE = 2.0024025431976664;

    @Test
    void zscoreAndRmsUseTheStatisticsOfStatsYaml() {
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture("advection_2d_tiny"))) {
            WellSplit train = ds.split("train");
            WellMetadata m = train.metadata();
            WellStats stats = WellStats.read(ds.statsFile().orElseThrow());
            WellFile f = train.files().get(1);
            float[] raw = f.readWindow(1, 3, 2, 1);
            int points = m.pointsPerChannel();

            float[] z = raw.clone();
            Normalizer.create(m, stats, NormalizationConfig.zscore()).normalize(z, 0, 2);
            float[] r = raw.clone();
            Normalizer.create(m, stats, NormalizationConfig.rms()).normalize(r, 0, 2);
            int frame = m.frameSize();
            for (int t = 0; t < 2; t++) {
                for (int p = 0; p < points; p += 37) {
                    int density = t * frame + p;
                    int pressure = t * frame + points + p;
                    int vy = t * frame + 3 * points + p;
                    assertEquals((float) ((raw[density] - MEAN_DENSITY) / STD_DENSITY), z[density]);
                    assertEquals((float) ((raw[vy] - MEAN_VY) / STD_VY), z[vy]);
                    assertEquals((float) (raw[pressure] / RMS_PRESSURE), r[pressure]);
                }
            }
        }
    }

    /** After z-scoring, every channel of the train split has mean 0 and standard deviation 1. */
    @Test
    void normalisedTrainSplitHasZeroMeanAndUnitVariance() {
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture("advection_2d_tiny"))) {
            WellSplit train = ds.split("train");
            WellMetadata m = train.metadata();
            Normalizer n = Normalizer.create(m, WellStats.read(ds.statsFile().orElseThrow()), NormalizationConfig.zscore());
            int c = m.channelCount();
            int points = m.pointsPerChannel();
            double[] sum = new double[c];
            double[] sq = new double[c];
            long count = 0;
            for (WellFile f : train.files()) {
                for (int b = 0; b < f.trajectories(); b++) {
                    float[] w = f.readWindow(b, 0, f.steps(), 1);
                    n.normalize(w, 0, f.steps());
                    for (int i = 0; i < w.length; i++) {
                        int ch = (i / points) % c;
                        sum[ch] += w[i];
                        sq[ch] += (double) w[i] * w[i];
                    }
                    count += (long) f.steps() * points;
                }
            }
            for (int ch = 0; ch < c; ch++) {
                double mean = sum[ch] / count;
                assertEquals(0, mean, 1e-6, m.channelNames().get(ch));
                assertEquals(1, Math.sqrt(sq[ch] / count - mean * mean), 1e-6, m.channelNames().get(ch));
            }
        }
    }

    @Test
    void constantChannelsAreDividedByTheMinimumScale() {
        WellMetadata m = oneChannel();
        Map<String, Map<String, double[]>> v = new LinkedHashMap<>();
        v.put(WellStats.MEAN, Map.of("u", new double[]{2}));
        v.put(WellStats.STD, Map.of("u", new double[]{0}));
        Normalizer n = Normalizer.create(m, new WellStats(null, v, Map.of()), NormalizationConfig.zscore());
        assertEquals(1e-4, n.scales()[0]);
        assertEquals((2.5 - 2) / 1e-4, n.normalize(0, 2.5), 1e-9);
    }

    @Test
    void inverseUndoesTransformAndScaling() {
        WellMetadata m = oneChannel();
        Map<String, Map<String, double[]>> v = new LinkedHashMap<>();
        v.put(WellStats.MEAN, Map.of("u", new double[]{0.7}));
        v.put(WellStats.STD, Map.of("u", new double[]{0.3}));
        WellStats logStats = new WellStats(null, v, Map.of("u", FieldTransform.LOG1P));
        Normalizer n = Normalizer.create(m, logStats, NormalizationConfig.zscore().withTransform("u", FieldTransform.LOG1P));
        float[] x = {0f, 1e-6f, 0.5f, 3f, 1000f, 1e6f, -0.5f};
        float[] y = x.clone();
        n.normalize(y, 0, 7);
        assertEquals((float) ((Math.log1p(3) - 0.7) / 0.3), y[3]);
        n.denormalize(y, 0, 7);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], 2e-6 * Math.max(1, Math.abs(x[i])), "value " + x[i]);
        }
        for (FieldTransform t : FieldTransform.values()) {
            for (double a : new double[]{-0.9, -1e-9, 0, 1e-12, 0.3, 7, 1e10}) {
                if (t.accepts(a)) {
                    assertEquals(a, t.invert(t.apply(a)), 1e-12 * Math.max(1, Math.abs(a)), t + " at " + a);
                }
            }
        }
        assertEquals(Math.log(2 + Math.sqrt(5)), FieldTransform.ASINH.apply(2), 1e-15);
    }

    @Test
    void statisticsComputedWithoutTheTransformAreRefused() {
        try (WellDataset ds = WellDataset.open(TestDatasets.fixture("advection_2d_tiny"))) {
            WellMetadata m = ds.split("train").metadata();
            WellStats stats = WellStats.read(ds.statsFile().orElseThrow());
            WellDataException e = assertThrows(WellDataException.class, () -> Normalizer.create(m, stats,
                    NormalizationConfig.zscore().withTransform("density", FieldTransform.LOG1P)));
            assertTrue(e.getMessage().contains("stats.yaml: transforms/density"), e.getMessage());
            assertTrue(e.getMessage().contains("log1p"), e.getMessage());
        }
    }

    private static WellMetadata oneChannel() {
        var d = io.latentemu.data.write.WellDescription.builder("one")
                .axis(io.latentemu.data.well.Axis.uniform("x", 1, 0, 1), io.latentemu.data.well.BoundaryType.PERIODIC)
                .field("u", 0).build();
        return new WellMetadata(null, d.datasetName(), d.gridType(), d.axes(), java.util.List.of(), d.fields(),
                d.channels(), java.util.List.of(), 1, 1, false);
    }
}
