package io.latentemu.data;

import io.latentemu.data.well.Axis;
import io.latentemu.data.well.BoundaryType;
import io.latentemu.data.write.Trajectory;
import io.latentemu.data.write.WellDescription;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Datasets for tests: the copied fixtures and small synthetic descriptions with random trajectories. */
public final class TestDatasets {

    private TestDatasets() {
    }

    /** A fixture directory under {@code src/test/resources/well}. */
    public static Path fixture(String name) {
        try {
            return Path.of(TestDatasets.class.getResource("/well/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 2-D, 6 x 5 non-uniform y, scalar + vector + tensor fields, two parameters. */
    public static WellDescription description2d() {
        float[] y = {0f, 0.1f, 0.3f, 0.6f, 1.0f};
        return WellDescription.builder("synthetic_2d")
                .axis(Axis.uniform("x", 6, 0, 1), BoundaryType.PERIODIC)
                .axis(new Axis("y", y), BoundaryType.WALL)
                .field("density", 0).field("pressure", 0)
                .field("velocity", 1)
                .field("stress", 2)
                .parameter("gamma").parameter("mach")
                .build();
    }

    /** 3-D, 4 x 3 x 5, one scalar and one vector field, open boundaries, one parameter. */
    public static WellDescription description3d() {
        return WellDescription.builder("synthetic_3d")
                .axis(Axis.uniform("x", 4, 0, 1), BoundaryType.PERIODIC)
                .axis(Axis.uniform("y", 3, 0, 2), BoundaryType.OPEN)
                .axis(Axis.uniform("z", 5, -1, 1), BoundaryType.WALL)
                .field("energy", 0)
                .field("momentum", 1)
                .parameter("reynolds")
                .build();
    }

    /** Random trajectories (Gaussian values, some extreme magnitudes) for a description. */
    public static List<Trajectory> randomTrajectories(WellDescription d, int count, int steps, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trajectory> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            float[] states = new float[steps * d.frameSize()];
            for (int i = 0; i < states.length; i++) {
                double g = rng.nextGaussian();
                states[i] = (float) (i % 97 == 0 ? g * 1e30 : i % 89 == 0 ? g * 1e-30 : g);
            }
            double[] times = new double[steps];
            for (int t = 0; t < steps; t++) {
                times[t] = 0.25 * t;
            }
            double[] params = new double[d.parameters().size()];
            for (int p = 0; p < params.length; p++) {
                params[p] = 1.0 + p + 0.5 * b;
            }
            out.add(new Trajectory(states, times, params));
        }
        return out;
    }
}
