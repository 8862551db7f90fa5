package io.latentemu.data.augment;

/**
 * Which symmetry augmentations to draw for training windows; all off by default. They apply only along
 * axes whose boundary conditions allow them (see {@link Augmenter}).
 *
 * @param flips           mirror along each allowed axis, each with probability {@code flipProbability}
 * @param rolls           shift by a uniformly drawn number of cells along each periodic axis
 * @param flipProbability probability of mirroring an allowed axis
 */
public record AugmentationConfig(boolean flips, boolean rolls, double flipProbability) {

    public AugmentationConfig {
        if (!(flipProbability >= 0 && flipProbability <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + flipProbability);
        }
    }

    /** No augmentation (the default). */
    public static AugmentationConfig none() {
        return new AugmentationConfig(false, false, 0.5);
    }

    /** Flips (probability 1/2 per axis) and rolls wherever the boundary conditions allow. */
    public static AugmentationConfig all() {
        return new AugmentationConfig(true, true, 0.5);
    }

    public boolean enabled() {
        return flips || rolls;
    }
}
