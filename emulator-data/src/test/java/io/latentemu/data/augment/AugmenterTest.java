package io.latentemu.data.augment;

import io.latentemu.data.AdvectionSolution;
import io.latentemu.data.TestDatasets;
import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.well.WellFile;
import io.latentemu.data.well.WellMetadata;
import io.latentemu.data.write.WellDescription;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmenterTest {

    static WellMetadata metadata(WellDescription d) {
        return new WellMetadata(null, d.datasetName(), d.gridType(), d.axes(), boundaryConditions(d), d.fields(),
                d.channels(), List.of(), 1, 1, false);
    }

    /** The boundary conditions the writer would record: one group per axis, mask at both ends. */
    static List<io.latentemu.data.well.BoundaryCondition> boundaryConditions(WellDescription d) {
        return java.util.stream.IntStream.range(0, d.axes().size()).mapToObj(i -> {
            boolean[] mask = new boolean[d.axes().get(i).size()];
            mask[0] = true;
            mask[mask.length - 1] = true;
            return new io.latentemu.data.well.BoundaryCondition(d.axes().get(i).name() + "_bc", d.boundaries().get(i),
                    List.of(d.axes().get(i).name()), mask);
        }).toList();
    }

    @Test
    void boundaryConditionsDecideTheAllowedAxes() {
        Augmenter none = Augmenter.of(metadata(TestDatasets.description3d()), AugmentationConfig.none());
        assertFalse(none.active());
        // 2-D: x periodic and uniform; y a wall with non-uniform, non-mirror-symmetric spacing
        Augmenter a2 = Augmenter.of(metadata(TestDatasets.description2d()), AugmentationConfig.all());
        assertEquals(List.of(0), a2.flipAxes());
        assertEquals(List.of(0), a2.rollAxes());
        // 3-D: x periodic, y open, z wall, all uniform: mirror any, roll x only
        Augmenter a3 = Augmenter.of(metadata(TestDatasets.description3d()), AugmentationConfig.all());
        assertEquals(List.of(0, 1, 2), a3.flipAxes());
        assertEquals(List.of(0), a3.rollAxes());
    }

    /** A 2 x 3 grid by hand: scalar, vector and tensor channels under mirroring and rolling. */
    @Test
    void handWorkedMirrorAndRoll() {
        WellDescription d = WellDescription.builder("hand")
                .axis(Axis.uniform("x", 2, 0, 1), BoundaryType.PERIODIC)
                .axis(Axis.uniform("y", 3, 0, 1), BoundaryType.PERIODIC)
                .field("s", 0).field("v", 1).field("t", 2).build();
        Augmenter a = Augmenter.of(metadata(d), AugmentationConfig.all());
        // channels s, v_x, v_y, t_xx, t_xy, t_yx, t_yy; values 100 c + 10 i + j
        float[] data = new float[7 * 6];
        for (int c = 0; c < 7; c++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    data[c * 6 + i * 3 + j] = 100 * c + 10 * i + j;
                }
            }
        }
        float[] mirrorX = data.clone();
        a.apply(new Augmenter.Transform(new boolean[]{true, false}, new int[]{0, 0}), mirrorX, 0, 1);
        float[] sign = {1, -1, 1, 1, -1, -1, 1};
        for (int c = 0; c < 7; c++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(sign[c] * (100 * c + 10 * (1 - i) + j), mirrorX[c * 6 + i * 3 + j], "x-mirror c=" + c);
                }
            }
        }
        float[] both = data.clone();
        a.apply(new Augmenter.Transform(new boolean[]{true, true}, new int[]{0, 0}), both, 0, 1);
        float[] signBoth = {1, -1, -1, 1, 1, 1, 1};
        for (int c = 0; c < 7; c++) {
            assertEquals(signBoth[c] * (100 * c + 10 + 2), both[c * 6], "both mirrors c=" + c);
        }
        float[] rolled = data.clone();
        a.apply(new Augmenter.Transform(new boolean[]{false, false}, new int[]{0, 1}), rolled, 0, 1);
        // rolling y by one: out(i, j) = in(i, j - 1 mod 3)
        assertArrayEquals(new float[]{2, 0, 1, 12, 10, 11}, java.util.Arrays.copyOfRange(rolled, 0, 6));
    }

    /**
     * Mirrored and rolled advection-diffusion trajectories are still exact solutions (with the velocity
     * component along the mirrored axis negated): the augmentation respects the physics.
     */
    @Test
    void augmentedTrajectoriesStillSolveThePde() {
        try (WellFile f = WellFile.open(TestDatasets.fixture("advection_2d_tiny/data/train/advection_2d_tiny_tcool_0.3.hdf5"))) {
            WellMetadata m = f.metadata();
            Augmenter a = Augmenter.of(m, AugmentationConfig.all());
            assertEquals(List.of(0, 1), a.flipAxes());
            assertEquals(List.of(0, 1), a.rollAxes());
            SplittableRandom rng = new SplittableRandom(3);
            int flipsSeen = 0;
            for (int k = 0; k < 6; k++) {
                Augmenter.Transform t = a.draw(rng);
                for (boolean b : t.flip()) {
                    flipsSeen += b ? 1 : 0;
                }
                float[] states = f.readWindow(k % 2, 0, f.steps(), 1);
                float vx = states[2 * m.pointsPerChannel()];
                a.apply(t, states, 0, f.steps());
                assertEquals(t.flip()[0] ? -vx : vx, states[2 * m.pointsPerChannel()]);
                for (int field = 0; field < 2; field++) {
                    double worst = AdvectionSolution.worstDeviation(states, m, f.times(0), field);
                    assertTrue(worst < 3e-6, "draw " + k + " field " + field + ": " + worst);
                }
            }
            assertTrue(flipsSeen > 0, "some draws mirror");
            // without negating the velocity, a mirrored trajectory is not a solution: the check can fail
            float[] states = f.readWindow(0, 0, f.steps(), 1);
            a.apply(new Augmenter.Transform(new boolean[]{true, false}, new int[]{0, 0}), states, 0, f.steps());
            int p = m.pointsPerChannel();
            for (int t = 0; t < f.steps(); t++) {
                for (int i = 0; i < p; i++) {
                    states[t * m.frameSize() + 2 * p + i] *= -1;
                }
            }
            assertTrue(AdvectionSolution.worstDeviation(states, m, f.times(0), 0) > 1e-3);
        }
    }
}
