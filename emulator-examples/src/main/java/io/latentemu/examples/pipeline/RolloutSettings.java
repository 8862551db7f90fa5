package io.latentemu.examples.pipeline;

/**
 * How {@code ./emulator rollout} emulates the test trajectories (key {@code rollout} of an emulator's
 * configuration; {@code --ensemble}, {@code --sampler} and {@code --steps} override it).
 *
 * @param ensemble     members per trajectory (diffusion; a deterministic emulator always uses 1)
 * @param sampler      diffusion sampler, see {@link Samplers#names()}
 * @param samplerSteps sampler steps per generated window
 * @param trajectories test trajectories emulated (0: all)
 * @param leads        states emulated after the initial context (0: to the end of the trajectories)
 * @param batchRows    rows (trajectories x members) emulated together
 * @param seed         seed of the ensemble's noise
 */
public record RolloutSettings(int ensemble, String sampler, int samplerSteps, int trajectories, int leads,
                              int batchRows, long seed) {

    public RolloutSettings {
        if (ensemble < 1) {
            throw new IllegalArgumentException("ensemble must be >= 1, got " + ensemble);
        }
        Samplers.check(sampler);
        if (samplerSteps < 1) {
            throw new IllegalArgumentException("samplerSteps must be >= 1, got " + samplerSteps);
        }
        if (trajectories < 0 || leads < 0) {
            throw new IllegalArgumentException("trajectories and leads must be >= 0 (0: all), got " + trajectories
                    + " and " + leads);
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be >= 1, got " + batchRows);
        }
    }

    /** The study's sampler (Adams-Bashforth, 16 steps), 8 members, every test trajectory to its end. */
    public static RolloutSettings defaults() {
        return new RolloutSettings(8, "adams-bashforth", 16, 0, 0, 64, 0);
    }

    /** These settings with the command line's overrides (null: keep). */
    public RolloutSettings with(Integer ensembleOverride, String samplerOverride, Integer stepsOverride) {
        return new RolloutSettings(ensembleOverride != null ? ensembleOverride : ensemble,
                samplerOverride != null ? samplerOverride : sampler, stepsOverride != null ? stepsOverride : samplerSteps,
                trajectories, leads, batchRows, seed);
    }
}
