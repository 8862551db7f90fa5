package io.latentemu.core.diffusion;

/** Shared arithmetic and validation of the built-in schedules. */
final class Schedules {

    private Schedules() {
    }

    static void checkRange(String loName, double lo, String hiName, double hi) {
        if (!(lo > 0 && hi > lo && Double.isFinite(hi))) {
            throw new IllegalArgumentException("need 0 < " + loName + " < " + hiName + " < inf, got "
                    + loName + "=" + lo + ", " + hiName + "=" + hi);
        }
    }

    /**
     * {@code u = uMin + t (uMax - uMin)} with {@code uMin = lo/(1+lo)}, {@code uMax = hi/(1+hi)}: the
     * value whose odds {@code u/(1-u)} run from lo to hi.
     */
    static double oddsTime(double lo, double hi, double t) {
        double uMin = lo / (1 + lo);
        double uMax = hi / (1 + hi);
        return uMin + t * (uMax - uMin);
    }
}
