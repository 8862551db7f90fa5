package io.latentemu.data.sim;

import java.util.List;

/**
 * Configuration of the forced 2-D Navier-Stokes simulator ({@link NavierStokesSimulator}) on the
 * periodic square {@code [0, 2 pi)^2}: grid, saving cadence, time stepping, the Reynolds numbers (one
 * file per value, viscosity {@code 1 / Re}), Kolmogorov forcing, drag and the random initial vorticity.
 *
 * @param resolution         cells per side, even
 * @param frames             saved frames per trajectory, including the first saved state
 * @param outputInterval     physical time between saved frames
 * @param cfl                CFL number {@code dt max(|u| + |v|) / dx} of the RK4 steps
 * @param maxTimeStep        upper bound on a step when the flow is slow
 * @param reynolds           Reynolds numbers {@code 1 / nu}, one file per value
 * @param drag               linear drag coefficient alpha
 * @param forcingAmplitude   amplitude A of the body force {@code (A sin(k_f y), 0)}
 * @param forcingWavenumber  k_f, periods of the forcing across the domain
 * @param initialCutoff      spectral width (mode number) of the random initial vorticity
 * @param initialRms         root-mean-square of the initial vorticity
 * @param spinUpTime         time simulated before the first saved frame
 */
public record NavierStokesConfig(int resolution, int frames, double outputInterval, double cfl,
                                 double maxTimeStep, List<Double> reynolds, double drag,
                                 double forcingAmplitude, int forcingWavenumber, double initialCutoff,
                                 double initialRms, double spinUpTime) implements SimulationSettings {

    public NavierStokesConfig {
        SimulationChecks.grid(resolution, frames, outputInterval);
        SimulationChecks.evenResolution(resolution);
        if (!(cfl > 0 && cfl <= 1.5)) {
            throw new IllegalArgumentException("cfl must be in (0, 1.5], got " + cfl);
        }
        SimulationChecks.positive("maxTimeStep", maxTimeStep);
        SimulationChecks.notNull("reynolds", reynolds);
        if (reynolds.isEmpty()) {
            throw new IllegalArgumentException("reynolds must not be empty");
        }
        for (Double re : reynolds) {
            if (re == null || !(re > 0) || !Double.isFinite(re)) {
                throw new IllegalArgumentException("every Reynolds number must be positive and finite, got " + reynolds);
            }
        }
        reynolds = List.copyOf(reynolds);
        SimulationChecks.nonNegative("drag", drag);
        SimulationChecks.nonNegative("forcingAmplitude", forcingAmplitude);
        if (forcingWavenumber < 0 || forcingWavenumber > resolution / 3) {
            throw new IllegalArgumentException("forcingWavenumber must be in [0, resolution/3], got " + forcingWavenumber);
        }
        SimulationChecks.positive("initialCutoff", initialCutoff);
        SimulationChecks.nonNegative("initialRms", initialRms);
        SimulationChecks.nonNegative("spinUpTime", spinUpTime);
    }

    public static NavierStokesConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().resolution(resolution).frames(frames).outputInterval(outputInterval).cfl(cfl)
                .maxTimeStep(maxTimeStep).reynolds(reynolds).drag(drag).forcingAmplitude(forcingAmplitude)
                .forcingWavenumber(forcingWavenumber).initialCutoff(initialCutoff).initialRms(initialRms)
                .spinUpTime(spinUpTime);
    }

    /** Builder of {@link NavierStokesConfig}, starting from the defaults. */
    public static final class Builder {
        private int resolution = 64;
        private int frames = 100;
        private double outputInterval = 0.2;
        private double cfl = 0.8;
        private double maxTimeStep = 0.05;
        private List<Double> reynolds = List.of(50.0, 75.0, 100.0);
        private double drag = 0.1;
        private double forcingAmplitude = 1.0;
        private int forcingWavenumber = 4;
        private double initialCutoff = 4.0;
        private double initialRms = 3.0;
        private double spinUpTime = 10.0;

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

        public Builder maxTimeStep(double value) {
            maxTimeStep = value;
            return this;
        }

        public Builder reynolds(List<Double> value) {
            reynolds = value;
            return this;
        }

        public Builder drag(double value) {
            drag = value;
            return this;
        }

        public Builder forcingAmplitude(double value) {
            forcingAmplitude = value;
            return this;
        }

        public Builder forcingWavenumber(int value) {
            forcingWavenumber = value;
            return this;
        }

        public Builder initialCutoff(double value) {
            initialCutoff = value;
            return this;
        }

        public Builder initialRms(double value) {
            initialRms = value;
            return this;
        }

        public Builder spinUpTime(double value) {
            spinUpTime = value;
            return this;
        }

        public NavierStokesConfig build() {
            return new NavierStokesConfig(resolution, frames, outputInterval, cfl, maxTimeStep, reynolds, drag,
                    forcingAmplitude, forcingWavenumber, initialCutoff, initialRms, spinUpTime);
        }
    }
}
