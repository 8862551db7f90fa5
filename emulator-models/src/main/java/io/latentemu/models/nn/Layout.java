package io.latentemu.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.enums.DataFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;

/**
 * Where the channel axis of an image tensor sits inside a graph: {@code [B, C, H, W]} (channels first, the
 * project's public convention) or {@code [B, H, W, C]} (channels last). The layout is an implementation choice
 * of the convolutional blocks ({@link Conv2d}, {@link CircularPad}, {@link PixelShuffle}, {@link LayerNorm#channels},
 * {@link ResidualBlock}), which read it from their {@link GraphContext}; parameters are the same in both.
 *
 * <p>Why channels last: oneDNN computes convolutions channels-last, and libnd4j converts every channels-first
 * activation to that layout and back around each convolution (docs/performance.md); the channel norm then
 * reduces over the contiguous last axis.
 */
public enum Layout {
    /** {@code [B, C, H, W]}. */
    CHANNELS_FIRST(1, 2, 3, Conv2DConfig.NCHW, DataFormat.NCHW),
    /** {@code [B, H, W, C]}. */
    CHANNELS_LAST(3, 1, 2, Conv2DConfig.NHWC, DataFormat.NHWC);

    private final int channelAxis;
    private final int heightAxis;
    private final int widthAxis;
    private final String convFormat;
    private final DataFormat dataFormat;

    Layout(int channelAxis, int heightAxis, int widthAxis, String convFormat, DataFormat dataFormat) {
        this.channelAxis = channelAxis;
        this.heightAxis = heightAxis;
        this.widthAxis = widthAxis;
        this.convFormat = convFormat;
        this.dataFormat = dataFormat;
    }

    /** Axis of the channels in a rank-4 tensor. */
    public int channelAxis() {
        return channelAxis;
    }

    /** Axis of the height. */
    public int heightAxis() {
        return heightAxis;
    }

    /** Axis of the width. */
    public int widthAxis() {
        return widthAxis;
    }

    /** The data format string of SameDiff's convolution configuration. */
    String convFormat() {
        return convFormat;
    }

    /** The data format of depth-to-space and space-to-depth. */
    DataFormat dataFormat() {
        return dataFormat;
    }

    /** {@code [B, C, H, W]} in this layout (a permute for channels last). */
    public SDVariable fromChannelsFirst(SDVariable x) {
        return this == CHANNELS_FIRST ? x : x.permute(0, 2, 3, 1);
    }

    /** A tensor of this layout as {@code [B, C, H, W]}. */
    public SDVariable toChannelsFirst(SDVariable x) {
        return this == CHANNELS_FIRST ? x : x.permute(0, 3, 1, 2);
    }

    /** {@code v [B, c]} shaped to broadcast over the pixels of a tensor of this layout. */
    public SDVariable perChannel(SDVariable v, long c) {
        return this == CHANNELS_FIRST ? v.reshape(-1, c, 1, 1) : v.reshape(-1, 1, 1, c);
    }
}
