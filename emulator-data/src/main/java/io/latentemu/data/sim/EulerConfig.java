package io.latentemu.data.sim;

import io.latentemu.data.well.BoundaryType;

import java.util.List;

/**
 * Configuration of the Euler multi-quadrant simulator ({@link EulerSimulator}): grid, saving
 * cadence, scheme, boundary, the gas constants (one file per value) and the ranges the random
 * quadrant states are drawn from. The domain is the unit square.
 *
 * <p>Defaults follow The Well's {@code euler_multi_quadrants}: frames 0.015 apart, its ten values of
 * gamma, state ranges chosen so the field statistics come close to its {@code stats.yaml}.
 *
 * @param resolution     cells per side
 * @param frames         saved frames per trajectory, including the initial state
 * @param outputInterval physical time between saved frames
 * @param cfl            Courant number of each directional sweep, in (0, 1)
 * @param limiter        slope limiter of the reconstruction
 * @param boundary       periodic or open (outflow) on all sides
 * @param gammas         ratios of specific heats, one file per value, each &gt; 1
 * @param density        range of the quadrants' densities
 * @param pressure       range of the quadrants' pressures
 * @param velocity       range of each velocity component of a quadrant
 * @param split          range of the split point's coordinates, as fractions of the side, within (0, 1)
 */
public record EulerConfig(int resolution, int frames, double outputInterval, double cfl,
                          SlopeLimiter limiter, BoundaryType boundary, List<Double> gammas,
                          SamplingRange density, SamplingRange pressure, SamplingRange velocity,
                          SamplingRange split) implements SimulationSettings {

    /** The ten values of gamma of The Well's euler_multi_quadrants. */
    public static final List<Double> WELL_GAMMAS =
            List.of(1.13, 1.22, 1.3, 1.33, 1.365, 1.4, 1.404, 1.453, 1.597, 1.76);

    public EulerConfig {
        SimulationChecks.grid(resolution, frames, outputInterval);
        if (!(cfl > 0 && cfl < 1)) {
            throw new IllegalArgumentException("cfl must be in (0, 1), got " + cfl);
        }
        SimulationChecks.notNull("limiter", limiter);
        SimulationChecks.notNull("boundary", boundary);
        if (boundary == BoundaryType.WALL) {
            throw new IllegalArgumentException("boundary must be PERIODIC or OPEN, got WALL");
        }
        SimulationChecks.notNull("gammas", gammas);
        if (gammas.isEmpty()) {
            throw new IllegalArgumentException("gammas must not be empty");
        }
        for (Double g : gammas) {
            if (g == null || !(g > 1.0) || !Double.isFinite(g)) {
                throw new IllegalArgumentException("every gamma must be a finite number > 1, got " + gammas);
            }
        }
        gammas = List.copyOf(gammas);
        SimulationChecks.notNull("density", density);
        SimulationChecks.notNull("pressure", pressure);
        SimulationChecks.notNull("velocity", velocity);
        SimulationChecks.notNull("split", split);
        if (!(density.min() > 0) || !(pressure.min() > 0)) {
            throw new IllegalArgumentException("density and pressure ranges must be positive, got "
                    + density + " and " + pressure);
        }
        if (!(split.min() > 0) || !(split.max() < 1)) {
            throw new IllegalArgumentException("split range must lie inside (0, 1), got " + split);
        }
    }

    /** The defaults: 64x64, 100 frames 0.015 apart, periodic, CFL 0.8, van Leer, The Well's gammas. */
    public static EulerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().resolution(resolution).frames(frames).outputInterval(outputInterval)
                .cfl(cfl).limiter(limiter).boundary(boundary).gammas(gammas).density(density)
                .pressure(pressure).velocity(velocity).split(split);
    }

    /** Builder of {@link EulerConfig}, starting from the defaults. */
    public static final class Builder {
        private int resolution = 64;
        private int frames = 100;
        private double outputInterval = 0.015;
        private double cfl = 0.8;
        private SlopeLimiter limiter = SlopeLimiter.VAN_LEER;
        private BoundaryType boundary = BoundaryType.PERIODIC;
        private List<Double> gammas = WELL_GAMMAS;
        private SamplingRange density = SamplingRange.logUniform(0.2, 2.0);
        private SamplingRange pressure = SamplingRange.logUniform(0.1, 3.0);
        private SamplingRange velocity = SamplingRange.uniform(-0.7, 0.7);
        private SamplingRange split = SamplingRange.uniform(0.25, 0.75);

        private Builder() {
        }

        public Builder resolution(int value) {
            resolution = value;
            return this;
        }

        public Builder frames(int value) {
            frames = value;
            return this;
        }

        public Builder outputInterval(double value) {
            outputInterval = value;
            return this;
        }

        public Builder cfl(double value) {
            cfl = value;
            return this;
        }

        public Builder limiter(SlopeLimiter value) {
            limiter = value;
            return this;
        }

        public Builder boundary(BoundaryType value) {
            boundary = value;
            return this;
        }

        public Builder gammas(List<Double> value) {
            gammas = value;
            return this;
        }

        public Builder density(SamplingRange value) {
            density = value;
            return this;
        }

        public Builder pressure(SamplingRange value) {
            pressure = value;
            return this;
        }

        public Builder velocity(SamplingRange value) {
            velocity = value;
            return this;
        }

        public Builder split(SamplingRange value) {
            split = value;
            return this;
        }

        public EulerConfig build() {
            return new EulerConfig(resolution, frames, outputInterval, cfl, limiter, boundary, gammas,
                    density, pressure, velocity, split);
        }
    }
}
