package io.latentemu.models.autoencoder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latentemu.models.nn.Periodicity;
import java.util.List;
import java.util.Objects;

/**
 * The DC-AE style autoencoder of the study: a stem convolution to {@code widths[0]}, then per level
 * {@code blocksPerLevel} residual blocks and (between levels) a pixel-unshuffle by 2 with a convolution to the
 * next width, and a final convolution to {@code latentChannels}, optionally soft-clipped; the decoder mirrors
 * it. Each level after the first halves both spatial sizes, so the compression rate is
 * {@code C * 4^(levels-1) / c}.
 *
 * @param inputChannels  C, channels of a state
 * @param widths         channels per level (the number of levels is its size)
 * @param blocksPerLevel residual blocks per level, in encoder and decoder each
 * @param latentChannels c
 * @param periodic       which spatial axes wrap around (circular padding)
 * @param dropout        dropout rate inside residual blocks (training only)
 * @param softClip       whether latents pass through {@code z / sqrt(1 + (z/5)^2)}, bounding them to (-5, 5)
 */
public record AutoencoderConfig(@JsonProperty("inputChannels") int inputChannels,
                                @JsonProperty("widths") List<Integer> widths,
                                @JsonProperty("blocksPerLevel") int blocksPerLevel,
                                @JsonProperty("latentChannels") int latentChannels,
                                @JsonProperty("periodic") Periodicity periodic,
                                @JsonProperty("dropout") double dropout,
                                @JsonProperty("softClip") boolean softClip) {

    /** Validates every field. */
    @JsonCreator
    public AutoencoderConfig {
        if (inputChannels <= 0 || latentChannels <= 0) {
            throw new IllegalArgumentException("input and latent channels must be positive: " + inputChannels + ", " + latentChannels);
        }
        widths = List.copyOf(Objects.requireNonNull(widths, "widths"));
        if (widths.isEmpty() || widths.stream().anyMatch(w -> w == null || w <= 0)) {
            throw new IllegalArgumentException("widths must be a non-empty list of positive channel counts: " + widths);
        }
        if (blocksPerLevel < 0) {
            throw new IllegalArgumentException("blocks per level must be >= 0: " + blocksPerLevel);
        }
        Objects.requireNonNull(periodic, "periodic");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
        }
    }

    /** Number of levels. */
    public int levels() {
        return widths.size();
    }

    /** Spatial downsampling factor per axis, {@code 2^(levels-1)}. */
    public int downsampling() {
        return 1 << (levels() - 1);
    }

    /** {@code (C*H*W) / (c*h*w)} for any resolution divisible by {@link #downsampling()}. */
    public double compressionRate() {
        return (double) inputChannels * downsampling() * downsampling() / latentChannels;
    }

    /** A builder starting from the benchmark network's settings (5 channels, widths 32..256, 2 blocks, 16 latent). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link AutoencoderConfig}. */
    public static final class Builder {
        private int inputChannels = 5;
        private List<Integer> widths = List.of(32, 64, 128, 256);
        private int blocksPerLevel = 2;
        private int latentChannels = 16;
        private Periodicity periodic = Periodicity.none();
        private double dropout = 0;
        private boolean softClip = true;

        public Builder inputChannels(int c) {
            this.inputChannels = c;
            return this;
        }

        public Builder widths(Integer... w) {
            this.widths = List.of(w);
            return this;
        }

        public Builder widths(List<Integer> w) {
            this.widths = w;
            return this;
        }

        public Builder blocksPerLevel(int n) {
            this.blocksPerLevel = n;
            return this;
        }

        public Builder latentChannels(int c) {
            this.latentChannels = c;
            return this;
        }

        public Builder periodic(Periodicity p) {
            this.periodic = p;
            return this;
        }

        public Builder dropout(double rate) {
            this.dropout = rate;
            return this;
        }

        public Builder softClip(boolean on) {
            this.softClip = on;
            return this;
        }

        public AutoencoderConfig build() {
            return new AutoencoderConfig(inputChannels, widths, blocksPerLevel, latentChannels, periodic, dropout, softClip);
        }
    }
}
