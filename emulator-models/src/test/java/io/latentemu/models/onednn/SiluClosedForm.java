package io.latentemu.models.onednn;

/** SiLU and its derivative in Java's double arithmetic, the reference of the SiLU kernels' tests. */
public final class SiluClosedForm {

    private SiluClosedForm() {
    }

    /** {@code x / (1 + e^-x)}. */
    public static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }

    /** {@code s + x s (1 - s)}, {@code s = 1 / (1 + e^-x)}. */
    public static double siluDerivative(double x) {
        double s = 1 / (1 + Math.exp(-x));
        return s + x * s * (1 - s);
    }
}
