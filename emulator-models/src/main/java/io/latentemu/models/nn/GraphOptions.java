package io.latentemu.models.nn;

/**
 * Implementation choices that change speed, not the network's architecture or parameters. They exist so that
 * each choice can be measured (see docs/performance.md); the defaults are the measured best on the CPU backend.
 *
 * @param fusedNorms use libnd4j's {@code layer_norm} op (with a constant unit gain) for layer and channel
 *                   norms instead of composing them from mean, subtract, square and rsqrt ops. Caution: that op
 *                   adds no epsilon to the variance (checked: below 1e-20), so it differs from the composed norm
 *                   (eps 1e-5) where the variance is small and divides by zero where it vanishes
 */
public record GraphOptions(boolean fusedNorms) {

    /** The defaults. */
    public static GraphOptions defaults() {
        return new GraphOptions(false);
    }

    /** These options with {@code fusedNorms} changed. */
    public GraphOptions withFusedNorms(boolean fused) {
        return new GraphOptions(fused);
    }
}
