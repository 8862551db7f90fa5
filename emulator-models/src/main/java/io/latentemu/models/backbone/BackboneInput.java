package io.latentemu.models.backbone;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * What a {@link Backbone} receives, as graph nodes.
 *
 * @param window         the values the network sees, {@code [B, L, C, H, W]}: the scaled noisy window with the
 *                       context written in (denoiser), or the context with zeros elsewhere (neural solver)
 * @param mask           which frames are known, {@code [B, L, 1, H, W]} (1 known, 0 to generate), the extra
 *                       input channel of every frame
 * @param noiseLevel     {@code c_noise = log sigma}, {@code [B]}; null for the neural solver
 * @param parameters     simulation parameters {@code [B, P]}; null when P = 0
 * @param shape          the window's shape {@code [L, C, H, W]}
 * @param parameterCount P
 */
public record BackboneInput(SDVariable window, SDVariable mask, SDVariable noiseLevel, SDVariable parameters,
                            WindowShape shape, int parameterCount) {
}
