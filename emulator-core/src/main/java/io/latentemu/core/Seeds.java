package io.latentemu.core;

/**
 * Derives independent seeds from a root seed and indices (a training step, an ensemble member, a
 * sampling step), so every random draw in the library is a pure function of explicit numbers.
 *
 * <p>Mixing uses the SplitMix64 finaliser, whose outputs for neighbouring inputs are uncorrelated.
 */
public final class Seeds {

    private Seeds() {
    }

    /** A seed derived from {@code seed} and {@code index}; different indices give unrelated seeds. */
    public static long mix(long seed, long index) {
        return finalise(finalise(seed) + 0x9E3779B97F4A7C15L * (index + 1));
    }

    /** A seed derived from {@code seed} and several indices, in order. */
    public static long mix(long seed, long... indices) {
        long s = seed;
        for (long i : indices) {
            s = mix(s, i);
        }
        return s;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
