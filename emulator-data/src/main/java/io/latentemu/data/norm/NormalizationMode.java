package io.latentemu.data.norm;

/** How channels are scaled after their field transform. */
public enum NormalizationMode {
    /** (x - mean) / max(std, minScale), The Well's z-score. */
    ZSCORE,
    /** x / max(rms, minScale). */
    RMS,
    /** Values as stored (after the field transform, if any). */
    NONE
}
