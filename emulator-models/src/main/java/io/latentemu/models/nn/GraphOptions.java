package io.latentemu.models.nn;

/**
 * Implementation choices that change speed, not the network's architecture or parameters. They exist so that
 * each choice can be measured (see docs/performance.md); the defaults are the measured best on the CPU backend.
 *
 * @param fusedNorms use libnd4j's {@code layer_norm} op (with a constant unit gain) for layer and channel
 *                   norms instead of composing them from mean, subtract, square and rsqrt ops. Caution: that op
 *                   adds no epsilon to the variance (checked: below 1e-20), so it differs from the composed norm
 *                   (eps 1e-5) where the variance is small and divides by zero where it vanishes
 * @param matmulBroadcasts write the broadcasts of norms, biases and adaLN modulation as products with constant
 *                   rows or columns of ones ({@link Broadcasts}) instead of libnd4j's broadcasting ops
 * @param channelsLast hold the activations of the autoencoder's convolutional networks channels last
 *                   ({@link Layout#CHANNELS_LAST}) between their input and output; their inputs and outputs stay
 *                   {@code [B, C, H, W]}
 * @param forwardGradientChannels convolutions with at least this many input channels compute their gradients
 *                   by forward convolutions ({@link ForwardGradientConv2D}), the others with libnd4j's
 *                   {@code conv2d_bp}: oneDNN's backward kernels are slow for many channels on small images and
 *                   fine for few channels on large ones. 0: all convolutions; {@link Integer#MAX_VALUE}: none
 * @param tanhSilu   compute SiLU as {@code h * (1 + tanh(h))}, {@code h = x / 2}, on oneDNN's vectorised tanh
 *                   ({@link Silu}) instead of libnd4j's scalar {@code swish} loops
 * @param oneDnnKernels compute row norms and SiLU with oneDNN's primitives called from Java
 *                   ({@link io.latentemu.models.onednn.RowNorm}, {@link io.latentemu.models.onednn.Swish}), one
 *                   op each instead of four to seven, where {@link io.latentemu.models.onednn.OneDnn#supports}
 *                   the graph's type; {@code fusedNorms} on and {@code tanhSilu} off still ask for libnd4j's
 *                   {@code layer_norm} and {@code swish} there
 */
public record GraphOptions(boolean fusedNorms, boolean matmulBroadcasts, boolean channelsLast,
                           int forwardGradientChannels, boolean tanhSilu, boolean oneDnnKernels) {

    /** Where forward-convolution gradients start to pay, measured on AVX-512 (docs/performance.md): with glibc
     * keeping freed memory (the launcher's settings) libnd4j's conv2d_bp is the faster one below 256 input channels. */
    public static final int DEFAULT_FORWARD_GRADIENT_CHANNELS = 256;

    /** The options as they were before {@code oneDnnKernels} existed, with the kernels on. */
    public GraphOptions(boolean fusedNorms, boolean matmulBroadcasts, boolean channelsLast, int forwardGradientChannels,
                        boolean tanhSilu) {
        this(fusedNorms, matmulBroadcasts, channelsLast, forwardGradientChannels, tanhSilu, true);
    }

    /** Checks the threshold. */
    public GraphOptions {
        if (forwardGradientChannels < 0) {
            throw new IllegalArgumentException("forwardGradientChannels must be >= 0: " + forwardGradientChannels);
        }
    }

    /** The defaults: oneDNN's kernels for row norms and SiLU where they run (else composed norms and SiLU on
     * the vectorised tanh), broadcasting by matrix products, channels-last convolutions, convolution gradients
     * by forward convolutions from {@value #DEFAULT_FORWARD_GRADIENT_CHANNELS} input channels. */
    public static GraphOptions defaults() {
        return new GraphOptions(false, true, true, DEFAULT_FORWARD_GRADIENT_CHANNELS, true, true);
    }

    /** These options with {@code fusedNorms} changed. */
    public GraphOptions withFusedNorms(boolean fused) {
        return new GraphOptions(fused, matmulBroadcasts, channelsLast, forwardGradientChannels, tanhSilu,
                oneDnnKernels);
    }

    /** These options with {@code matmulBroadcasts} changed. */
    public GraphOptions withMatmulBroadcasts(boolean on) {
        return new GraphOptions(fusedNorms, on, channelsLast, forwardGradientChannels, tanhSilu, oneDnnKernels);
    }

    /** These options with {@code channelsLast} changed. */
    public GraphOptions withChannelsLast(boolean on) {
        return new GraphOptions(fusedNorms, matmulBroadcasts, on, forwardGradientChannels, tanhSilu, oneDnnKernels);
    }

    /** These options with {@code forwardGradientChannels} changed. */
    public GraphOptions withForwardGradientChannels(int channels) {
        return new GraphOptions(fusedNorms, matmulBroadcasts, channelsLast, channels, tanhSilu, oneDnnKernels);
    }

    /** These options with {@code tanhSilu} changed. */
    public GraphOptions withTanhSilu(boolean on) {
        return new GraphOptions(fusedNorms, matmulBroadcasts, channelsLast, forwardGradientChannels, on,
                oneDnnKernels);
    }

    /** These options with {@code oneDnnKernels} changed. */
    public GraphOptions withOneDnnKernels(boolean on) {
        return new GraphOptions(fusedNorms, matmulBroadcasts, channelsLast, forwardGradientChannels, tanhSilu, on);
    }

    /** Whether a convolution with {@code inputChannels} computes its gradients by forward convolutions. */
    public boolean forwardGradients(long inputChannels) {
        return inputChannels >= forwardGradientChannels;
    }

    /** The layout that {@code channelsLast} selects. */
    public Layout convolutionLayout() {
        return channelsLast ? Layout.CHANNELS_LAST : Layout.CHANNELS_FIRST;
    }
}
