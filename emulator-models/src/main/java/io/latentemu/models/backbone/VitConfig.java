package io.latentemu.models.backbone;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latentemu.models.nn.PositionCode;
import io.latentemu.models.nn.SinusoidalCode;
import java.util.Objects;

/**
 * The ViT backbone of the study: the window is cut into tokens (one per frame and {@code patch x patch} cell;
 * patch 1 on latents, larger on pixel fields), embedded linearly, and processed by {@code depth}
 * {@link io.latentemu.models.nn.AdaLnBlock adaLN-zero blocks} conditioned on the noise level and the
 * simulation parameters.
 *
 * @param width        token width D
 * @param depth        number of blocks
 * @param heads        attention heads (divides D)
 * @param patchSize    patch side p (divides H and W)
 * @param mlpExpansion MLP hidden width / D
 * @param positionCode how token positions (t, y, x) enter
 * @param noiseFeatures size of the sinusoidal code of the noise level (even)
 * @param dropout      dropout rate on attention and MLP branches (training only)
 * @param modulateMlp  whether the adaLN modulation also shifts and scales the MLP input (six chunks instead
 *                     of four)
 * @param outputNorm   whether a LayerNorm precedes the output projection
 */
public record VitConfig(@JsonProperty("width") int width,
                        @JsonProperty("depth") int depth,
                        @JsonProperty("heads") int heads,
                        @JsonProperty("patchSize") int patchSize,
                        @JsonProperty("mlpExpansion") int mlpExpansion,
                        @JsonProperty("positionCode") PositionCode positionCode,
                        @JsonProperty("noiseFeatures") int noiseFeatures,
                        @JsonProperty("dropout") double dropout,
                        @JsonProperty("modulateMlp") boolean modulateMlp,
                        @JsonProperty("outputNorm") boolean outputNorm) implements BackboneConfig {

    /** Validates every field. */
    @JsonCreator
    public VitConfig {
        if (width <= 0 || depth < 0 || heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException("ViT needs width > 0 divisible by heads > 0 and depth >= 0: width="
                    + width + " heads=" + heads + " depth=" + depth);
        }
        if (patchSize <= 0 || mlpExpansion <= 0) {
            throw new IllegalArgumentException("patch size and MLP expansion must be positive: " + patchSize + ", " + mlpExpansion);
        }
        Objects.requireNonNull(positionCode, "positionCode");
        SinusoidalCode.frequencies(noiseFeatures);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
        }
    }

    @Override
    public Backbone create() {
        return new VitBackbone(this);
    }

    /**
     * The ViT of the speed benchmark ({@code ./emulator bench models}; its PyTorch twin is in bench/torch_models.py):
     * width 256, depth 6, 4 heads, learned position table, modulation of the attention input only, no output norm.
     */
    public static VitConfig benchmark() {
        return builder().width(256).depth(6).heads(4).positionCode(PositionCode.LEARNED).modulateMlp(false)
                .outputNorm(false).build();
    }

    /** A builder with the defaults: width 256, depth 6, 4 heads, patch 1, MLP x4, rotary code, 64 noise features. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link VitConfig}. */
    public static final class Builder {
        private int width = 256;
        private int depth = 6;
        private int heads = 4;
        private int patchSize = 1;
        private int mlpExpansion = 4;
        private PositionCode positionCode = PositionCode.ROTARY;
        private int noiseFeatures = 64;
        private double dropout = 0;
        private boolean modulateMlp = true;
        private boolean outputNorm = true;

        public Builder width(int v) {
            width = v;
            return this;
        }

        public Builder depth(int v) {
            depth = v;
            return this;
        }

        public Builder heads(int v) {
            heads = v;
            return this;
        }

        public Builder patchSize(int v) {
            patchSize = v;
            return this;
        }

        public Builder mlpExpansion(int v) {
            mlpExpansion = v;
            return this;
        }

        public Builder positionCode(PositionCode v) {
            positionCode = v;
            return this;
        }

        public Builder noiseFeatures(int v) {
            noiseFeatures = v;
            return this;
        }

        public Builder dropout(double v) {
            dropout = v;
            return this;
        }

        public Builder modulateMlp(boolean v) {
            modulateMlp = v;
            return this;
        }

        public Builder outputNorm(boolean v) {
            outputNorm = v;
            return this;
        }

        public VitConfig build() {
            return new VitConfig(width, depth, heads, patchSize, mlpExpansion, positionCode, noiseFeatures, dropout,
                    modulateMlp, outputNorm);
        }
    }
}
