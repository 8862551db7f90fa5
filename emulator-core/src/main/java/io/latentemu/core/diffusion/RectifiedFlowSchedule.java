package io.latentemu.core.diffusion;

/**
 * Rectified flow (linear interpolation between data and noise): {@code alpha = 1 - u},
 * {@code sigma = u}, with {@code u = uMin + t (uMax - uMin)} kept inside (0, 1) so that the
 * noise-to-signal ratio {@code u / (1 - u)} runs from ratioMin to ratioMax.
 *
 * <p>In the variance-exploding form the samplers use, it is the same process as the
 * {@link LogLogitSchedule} with that range; only the scale of {@code x_t} differs.
 *
 * @param ratioMin sigma/alpha at t = 0, &gt; 0
 * @param ratioMax sigma/alpha at t = 1, &gt; ratioMin
 */
public record RectifiedFlowSchedule(double ratioMin, double ratioMax) implements NoiseSchedule {

    /** Noise-to-signal ratio in [1e-3, 1e3]. */
    public static RectifiedFlowSchedule standard() {
        return new RectifiedFlowSchedule(1e-3, 1e3);
    }

    public RectifiedFlowSchedule {
        Schedules.checkRange("ratioMin", ratioMin, "ratioMax", ratioMax);
    }

    @Override
    public double alpha(double t) {
        NoiseSchedule.checkTime(t);
        return 1 - Schedules.oddsTime(ratioMin, ratioMax, t);
    }

    @Override
    public double sigma(double t) {
        NoiseSchedule.checkTime(t);
        return Schedules.oddsTime(ratioMin, ratioMax, t);
    }
}
