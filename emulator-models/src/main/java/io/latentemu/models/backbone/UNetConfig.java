package io.latentemu.models.backbone;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latentemu.models.nn.Periodicity;
import io.latentemu.models.nn.SinusoidalCode;
import java.util.List;
import java.util.Objects;

/**
 * A convolutional U-Net backbone: the frames of the window are stacked as channels, residual blocks whose
 * channel norm is modulated by the conditioning vector work at each level, pixel-unshuffle/shuffle change the
 * resolution, and skip connections add each encoder level to the decoder level of the same resolution.
 *
 * @param widths         channels per level (H and W must be divisible by {@code 2^(levels-1)})
 * @param blocksPerLevel residual blocks per level on each side
 * @param embedding      width of the conditioning vector
 * @param noiseFeatures  size of the sinusoidal code of the noise level (even)
 * @param periodic       which spatial axes wrap around
 * @param dropout        dropout rate inside residual blocks (training only)
 */
public record UNetConfig(@JsonProperty("widths") List<Integer> widths,
                         @JsonProperty("blocksPerLevel") int blocksPerLevel,
                         @JsonProperty("embedding") int embedding,
                         @JsonProperty("noiseFeatures") int noiseFeatures,
                         @JsonProperty("periodic") Periodicity periodic,
                         @JsonProperty("dropout") double dropout) implements BackboneConfig {

    /** Validates every field. */
    @JsonCreator
    public UNetConfig {
        widths = List.copyOf(Objects.requireNonNull(widths, "widths"));
        if (widths.isEmpty() || widths.stream().anyMatch(w -> w == null || w <= 0)) {
            throw new IllegalArgumentException("widths must be a non-empty list of positive channel counts: " + widths);
        }
        if (blocksPerLevel < 1 || embedding <= 0) {
            throw new IllegalArgumentException("U-Net needs at least one block per level and a positive embedding: "
                    + blocksPerLevel + ", " + embedding);
        }
        SinusoidalCode.frequencies(noiseFeatures);
        Objects.requireNonNull(periodic, "periodic");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
        }
    }

    @Override
    public Backbone create() {
        return new UNetBackbone(this);
    }
}
