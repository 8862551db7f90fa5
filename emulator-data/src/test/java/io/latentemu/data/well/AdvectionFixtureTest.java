package io.latentemu.data.well;

import io.latentemu.data.AdvectionSolution;
import io.latentemu.data.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the h5py-written fixtures and checks them against values printed by h5py and against the exact
 * solution of the PDE they sample.
 *
 * <p>The fields are exact solutions of periodic advection-diffusion on [0, 1)^2,
 * {@code du/dt + c . grad u = nu lap u}, with a constant velocity c per trajectory (stored as the vector
 * field {@code velocity}): each Fourier mode evolves as
 * {@code a_k exp(2 pi i k.(x - c t)) exp(-nu 4 pi^2 |k|^2 t)}. The constants were recovered once, in a
 * Python script, from the files themselves (no attribute records them): the FFT of each first state has
 * non-zero modes only for |k| <= 4 (density, mean 1) and |k| <= 3 (pressure, mean 2); the ratio of each mode
 * between the last and first state gives nu = 0.001 (density) and 0.002 (pressure) to 6 digits, and its
 * phase drift matches c (phase error below 2e-6 rad) in every trajectory of every file. The random mode
 * amplitudes are not known in closed form, so this test takes them from the first state (a DFT over the grid,
 * exact for a band-limited field) and predicts every later state from the closed form
 * ({@link AdvectionSolution}).
 */
class AdvectionFixtureTest {

    private static final double DT = 0.05;

    static Path tiny(String split, String tcool) {
        return TestDatasets.fixture("advection_2d_tiny/data/" + split + "/advection_2d_tiny_tcool_" + tcool + ".hdf5");
    }

    static Path chunked(String split, String tcool) {
        return TestDatasets.fixture("advection_2d_chunked/data/" + split + "/advection_2d_chunked_tcool_" + tcool + ".hdf5");
    }

    @Test
    void metadataOfTheTinyFixture() {
        try (WellFile f = WellFile.open(tiny("train", "0.1"))) {
            WellMetadata m = f.metadata();
            assertEquals("advection_2d_tiny", m.datasetName());
            assertEquals("cartesian", m.gridType());
            assertEquals(2, m.spatialDims());
            assertEquals(List.of("x", "y"), m.axisNames());
            assertArrayEquals(new int[]{32, 48}, m.spatialShape());
            assertEquals(2, m.trajectories());
            assertEquals(12, m.steps());
            assertEquals(List.of("density", "pressure", "velocity_x", "velocity_y"), m.channelNames());
            assertEquals(List.of(new FieldSpec("density", 0), new FieldSpec("pressure", 0), new FieldSpec("velocity", 1)),
                    m.fields());
            assertEquals(List.of(new SimulationParameter("tcool", false, false)), m.parameters());
            assertArrayEquals(new double[]{0.1}, f.parameters(1, 5));
            for (int axis = 0; axis < 2; axis++) {
                assertEquals(List.of(BoundaryType.PERIODIC), m.boundaryTypes(axis));
                assertTrue(m.isPeriodic(axis));
                assertTrue(m.isMirrorSymmetric(axis));
                Axis a = m.axes().get(axis);
                assertTrue(a.isUniform());
                for (int i = 0; i < a.size(); i++) {
                    assertEquals((i + 0.5) / a.size(), a.coordinates()[i], 1e-7, "cell centres");
                }
            }
            boolean[] mask = m.boundaryConditions().get(0).mask();
            assertTrue(mask[0] && mask[mask.length - 1]);
            assertEquals(false, m.timeSampleVarying());
            double[] time = f.times(0);
            for (int t = 0; t < 12; t++) {
                assertEquals(t * DT, time[t], 1e-7);
            }
        }
    }

    /** Values printed by h5py ({@code f['t0_fields/density'][b, t, i, j]} etc.) at chosen indices. */
    @ParameterizedTest
    @CsvSource({
            "0, 0, 0, 0, 0.7847540974617004, 1.7914860248565674, -0.7865039706230164, -0.15476083755493164",
            "1, 11, 31, 47, 1.1242398023605347, 2.216940402984619, -0.1756954938173294, 0.17427898943424225",
            "0, 5, 17, 3, 1.0578408241271973, 2.0746161937713623, -0.7865039706230164, -0.15476083755493164",
            "1, 7, 2, 40, 1.056199312210083, 2.170135498046875, -0.1756954938173294, 0.17427898943424225"})
    void valuesMatchH5py(int b, int t, int i, int j, float density, float pressure, float vx, float vy) {
        try (WellFile f = WellFile.open(tiny("train", "0.1"))) {
            float[] w = f.readWindow(b, t, 1, 1);
            int points = 32 * 48;
            int p = i * 48 + j;
            assertEquals(density, w[p]);
            assertEquals(pressure, w[points + p]);
            assertEquals(vx, w[2 * points + p]);
            assertEquals(vy, w[3 * points + p]);
        }
    }

    @Test
    void chunkedGzipValuesMatchH5py() {
        try (WellFile f = WellFile.open(chunked("train", "0.03"))) {
            assertEquals(0.9286935329437256f, f.readWindow(0, 0, 1, 1)[0]);
            assertEquals(1.0495901107788086f, f.readWindow(1, 11, 1, 1)[31 * 32 + 31]);
            assertEquals(0.7630282044410706f, f.readWindow(0, 6, 1, 1)[10 * 32 + 20]);
        }
    }

    /** Every state of every trajectory follows the closed form from the first state (both fixtures, all splits). */
    @ParameterizedTest
    @CsvSource({"tiny, train, 0.03", "tiny, train, 0.1", "tiny, train, 0.3", "tiny, valid, 0.03", "tiny, test, 0.03",
            "chunked, train, 0.03", "chunked, train, 0.1", "chunked, valid, 0.03", "chunked, test, 0.03"})
    void statesFollowTheExactAdvectionDiffusionSolution(String fixture, String split, String tcool) {
        Path file = fixture.equals("tiny") ? tiny(split, tcool) : chunked(split, tcool);
        try (WellFile f = WellFile.open(file)) {
            WellMetadata m = f.metadata();
            int points = m.pointsPerChannel();
            int frame = m.frameSize();
            float[] x = m.axes().get(0).coordinates();
            float[] y = m.axes().get(1).coordinates();
            for (int b = 0; b < f.trajectories(); b++) {
                float[] states = f.readWindow(b, 0, f.steps(), 1);
                for (int t = 0; t < f.steps(); t++) {
                    for (int p = 0; p < points; p++) {
                        assertEquals(states[2 * points], states[t * frame + 2 * points + p], 0, "velocity_x is constant");
                        assertEquals(states[3 * points], states[t * frame + 3 * points + p], 0, "velocity_y is constant");
                    }
                }
                for (int field = 0; field < 2; field++) {
                    int band = field == 0 ? AdvectionSolution.BAND_DENSITY : AdvectionSolution.BAND_PRESSURE;
                    int kmax = AdvectionSolution.KMAX;
                    double[][] modes = AdvectionSolution.modes(states, field * points, x, y, kmax);
                    for (int mx = -kmax; mx <= kmax; mx++) {
                        for (int my = -kmax; my <= kmax; my++) {
                            if (mx * mx + my * my > band * band) {
                                double[] a = modes[(mx + kmax) * (2 * kmax + 1) + my + kmax];
                                assertEquals(0, Math.hypot(a[0], a[1]), 1e-6, "band limit: mode (" + mx + "," + my + ")");
                            }
                        }
                    }
                    double worst = AdvectionSolution.worstDeviation(states, m, f.times(b), field);
                    assertTrue(worst < 3e-6, file.getFileName() + " trajectory " + b + " field " + field
                            + ": worst deviation from the closed form " + worst);
                }
            }
        }
    }
}
