package io.latentemu.data.well;

import io.latentemu.data.TestDatasets;
import io.latentemu.data.augment.AugmentationConfig;
import io.latentemu.data.augment.Augmenter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads {@code generated/features_3d.hdf5}, written by h5py ({@code make_files.py} beside it): 3-D,
 * non-uniform coordinates, WALL/OPEN boundaries, per-trajectory times, constant / per-trajectory /
 * time-varying parameters, a field constant in time, one constant along y, a float64 field, chunked gzip,
 * vector and tensor fields. Every stored value is {@code value(field, b, t, i, j, k, component)}.
 */
class FeatureFileTest {

    static final int NX = 4;
    static final int NY = 3;
    static final int NZ = 5;

    /** The formula of make_files.py, evaluated in the same order (so the float32 rounding is the same). */
    static float value(int field, int b, int t, int i, int j, int k, int comp) {
        return (float) (10000 * field + 1000 * b + 100 * t + 10 * i + j + 0.1 * k + 0.01 * comp);
    }

    static WellFile open() {
        return WellFile.open(TestDatasets.fixture("generated/features_3d.hdf5"));
    }

    @Test
    void metadata() {
        try (WellFile f = open()) {
            WellMetadata m = f.metadata();
            assertEquals("features_3d", m.datasetName());
            assertEquals(3, m.spatialDims());
            assertArrayEquals(new int[]{NX, NY, NZ}, m.spatialShape());
            List<String> channels = new ArrayList<>(List.of("temperature", "obstacle", "profile", "energy",
                    "velocity_x", "velocity_y", "velocity_z"));
            for (String a : List.of("x", "y", "z")) {
                for (String b : List.of("x", "y", "z")) {
                    channels.add("stress_" + a + b);
                }
            }
            assertEquals(channels, m.channelNames());
            assertEquals(List.of(BoundaryType.PERIODIC), m.boundaryTypes(0));
            assertEquals(List.of(BoundaryType.WALL), m.boundaryTypes(1));
            assertEquals(List.of(BoundaryType.OPEN), m.boundaryTypes(2));
            assertTrue(m.axes().get(0).isUniform());
            assertFalse(m.axes().get(1).isUniform());
            assertArrayEquals(new float[]{0f, 0.2f, 1f}, m.axes().get(1).coordinates());
            assertTrue(m.timeSampleVarying());
            assertArrayEquals(new double[]{0, 0.5, 1}, f.times(0));
            assertArrayEquals(new double[]{0, 0.25, 0.5}, f.times(1));
            assertEquals(List.of(new SimulationParameter("alpha", false, false),
                    new SimulationParameter("forcing", false, true),
                    new SimulationParameter("seed_value", true, false),
                    new SimulationParameter("drive", true, true)), m.parameters());
            assertArrayEquals(new double[]{0.25, 1, 7, 1}, f.parameters(0, 0));
            assertArrayEquals(new double[]{0.25, 4, 9, 6}, f.parameters(1, 2));
            assertArrayEquals(new double[]{0.25, 2, 9, 5}, f.parameters(1, 1));
            // the y axis is a wall with non-uniform spacing: it cannot be mirrored; only x rolls
            Augmenter a = Augmenter.of(m, AugmentationConfig.all());
            assertEquals(List.of(0, 2), a.flipAxes());
            assertEquals(List.of(0), a.rollAxes());
        }
    }

    @Test
    void everyValueOfStridedAndContiguousWindows() {
        try (WellFile f = open()) {
            int points = NX * NY * NZ;
            int channels = f.metadata().channelCount();
            for (int b = 0; b < 2; b++) {
                for (int[] window : new int[][]{{0, 3, 1}, {0, 2, 2}, {1, 2, 1}, {2, 1, 1}}) {
                    int start = window[0];
                    int length = window[1];
                    int stride = window[2];
                    float[] w = f.readWindow(b, start, length, stride);
                    assertEquals(length * channels * points, w.length);
                    for (int l = 0; l < length; l++) {
                        int t = start + l * stride;
                        for (int i = 0; i < NX; i++) {
                            for (int j = 0; j < NY; j++) {
                                for (int k = 0; k < NZ; k++) {
                                    int p = (i * NY + j) * NZ + k;
                                    int base = l * channels * points + p;
                                    assertEquals(value(0, b, t, i, j, k, 0), w[base], "temperature");
                                    assertEquals(value(1, b, 0, i, j, k, 0), w[base + points], "obstacle (constant in time)");
                                    assertEquals(value(2, b, t, i, 0, k, 0), w[base + 2 * points], "profile (constant along y)");
                                    assertEquals(value(3, b, t, i, j, k, 0), w[base + 3 * points], "energy (float64)");
                                    for (int d = 0; d < 3; d++) {
                                        assertEquals(value(4, b, t, i, j, k, d), w[base + (4 + d) * points], "velocity");
                                    }
                                    for (int c = 0; c < 9; c++) {
                                        assertEquals(value(5, b, t, i, j, k, c), w[base + (7 + c) * points], "stress");
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
