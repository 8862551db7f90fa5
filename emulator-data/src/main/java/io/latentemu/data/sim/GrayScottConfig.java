package io.latentemu.data.sim;

import java.util.List;

/**
 * Configuration of the Gray-Scott reaction-diffusion simulator ({@link GrayScottSimulator}) on a
 * periodic square: grid, saving cadence, time step, diffusivities, the (F, k) pairs (one file each)
 * and the random seeding of species B.
 *
 * @param resolution      cells per side, even
 * @param frames          saved frames per trajectory, including the initial state
 * @param outputInterval  physical time between saved frames
 * @param maxTimeStep     upper bound on a time step
 * @param domainLength    side of the periodic square
 * @param diffusivityA    diffusion coefficient of A
 * @param diffusivityB    diffusion coefficient of B
 * @param feedKill        (F, k) pairs, each a list of two rates; one file per pair
 * @param spots           range of the number of Gaussian seeds of B (rounded down)
 * @param spotRadius      range of the seeds' standard deviations, in units of the domain side
 */
public record GrayScottConfig(int resolution, int frames, double outputInterval, double maxTimeStep,
                              double domainLength, double diffusivityA, double diffusivityB,
                              List<List<Double>> feedKill, SamplingRange spots, SamplingRange spotRadius) implements SimulationSettings {

    /** The six regimes of The Well's gray_scott_reaction_diffusion: gliders, bubbles, maze, worms, spirals, spots. */
    public static final List<List<Double>> WELL_REGIMES = List.of(
            List.of(0.014, 0.054), List.of(0.098, 0.057), List.of(0.029, 0.057),
            List.of(0.058, 0.065), List.of(0.018, 0.051), List.of(0.03, 0.062));

    /**
     * The default regimes: those of The Well where spot seeds grow into moving or spreading patterns
     * (gliders, maze, spirals, spots). From such seeds "bubbles" decays back to A = 1, B = 0 and "worms"
     * freezes into isolated spots.
     */
    public static final List<List<Double>> SEEDED_REGIMES = List.of(
            List.of(0.014, 0.054), List.of(0.029, 0.057), List.of(0.018, 0.051), List.of(0.03, 0.062));

    public GrayScottConfig {
        SimulationChecks.grid(resolution, frames, outputInterval);
        SimulationChecks.evenResolution(resolution);
        SimulationChecks.positive("maxTimeStep", maxTimeStep);
        SimulationChecks.positive("domainLength", domainLength);
        SimulationChecks.nonNegative("diffusivityA", diffusivityA);
        SimulationChecks.nonNegative("diffusivityB", diffusivityB);
        SimulationChecks.notNull("feedKill", feedKill);
        if (feedKill.isEmpty()) {
            throw new IllegalArgumentException("feedKill must not be empty");
        }
        for (List<Double> pair : feedKill) {
            if (pair == null || pair.size() != 2 || pair.get(0) == null || pair.get(1) == null
                    || !(pair.get(0) >= 0) || !(pair.get(1) >= 0)) {
                throw new IllegalArgumentException("every feedKill entry must be [F, k] with F, k >= 0, got " + pair);
            }
        }
        feedKill = feedKill.stream().map(List::copyOf).toList();
        SimulationChecks.notNull("spots", spots);
        SimulationChecks.notNull("spotRadius", spotRadius);
        if (!(spots.min() >= 1)) {
            throw new IllegalArgumentException("spots must be at least 1, got " + spots);
        }
        if (!(spotRadius.min() > 0) || !(spotRadius.max() < 0.5)) {
            throw new IllegalArgumentException("spotRadius must lie in (0, 0.5), got " + spotRadius);
        }
    }

    public static GrayScottConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().resolution(resolution).frames(frames).outputInterval(outputInterval)
                .maxTimeStep(maxTimeStep).domainLength(domainLength).diffusivityA(diffusivityA)
                .diffusivityB(diffusivityB).feedKill(feedKill).spots(spots).spotRadius(spotRadius);
    }

    /** Builder of {@link GrayScottConfig}, starting from the defaults. */
    public static final class Builder {
        private int resolution = 64;
        private int frames = 100;
        private double outputInterval = 20.0;
        private double maxTimeStep = 1.0;
        private double domainLength = 1.0;
        private double diffusivityA = 2e-5;
        private double diffusivityB = 1e-5;
        private List<List<Double>> feedKill = SEEDED_REGIMES;
        private SamplingRange spots = SamplingRange.uniform(3, 9);
        private SamplingRange spotRadius = SamplingRange.uniform(0.03, 0.06);

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

        public Builder maxTimeStep(double value) {
            maxTimeStep = value;
            return this;
        }

        public Builder domainLength(double value) {
            domainLength = value;
            return this;
        }

        public Builder diffusivityA(double value) {
            diffusivityA = value;
            return this;
        }

        public Builder diffusivityB(double value) {
            diffusivityB = value;
            return this;
        }

        public Builder feedKill(List<List<Double>> value) {
            feedKill = value;
            return this;
        }

        public Builder spots(SamplingRange value) {
            spots = value;
            return this;
        }

        public Builder spotRadius(SamplingRange value) {
            spotRadius = value;
            return this;
        }

        public GrayScottConfig build() {
            return new GrayScottConfig(resolution, frames, outputInterval, maxTimeStep, domainLength, diffusivityA,
                    diffusivityB, feedKill, spots, spotRadius);
        }
    }
}
