package io.latentemu.core.metrics;

/**
 * Multi-dimensional DFT of a field stored row-major (last axis fastest):
 * {@code X[k] = sum_n x[n] exp(-2 pi i sum_a k_a n_a / N_a)}, unnormalised (numpy's {@code fftn}).
 * One {@link Fft} per axis, applied along every line of that axis.
 */
public final class FftNd {

    private FftNd() {
    }

    /**
     * In-place forward transform.
     *
     * @param re    real parts, length prod(shape)
     * @param im    imaginary parts, same length
     * @param shape extent of each axis, e.g. {@code {H, W}}
     */
    public static void forward(double[] re, double[] im, int... shape) {
        int total = size(shape);
        if (re.length != total || im.length != total) {
            throw new IllegalArgumentException("field of " + re.length + " values does not have shape "
                    + java.util.Arrays.toString(shape));
        }
        int stride = 1;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            int n = shape[axis];
            if (n > 1) {
                Fft fft = Fft.of(n);
                double[] r = new double[n];
                double[] i = new double[n];
                int block = stride * n;
                for (int outer = 0; outer < total; outer += block) {
                    for (int inner = 0; inner < stride; inner++) {
                        int base = outer + inner;
                        for (int k = 0; k < n; k++) {
                            r[k] = re[base + k * stride];
                            i[k] = im[base + k * stride];
                        }
                        fft.forward(r, i);
                        for (int k = 0; k < n; k++) {
                            re[base + k * stride] = r[k];
                            im[base + k * stride] = i[k];
                        }
                    }
                }
            }
            stride *= n;
        }
    }

    /** The squared magnitudes {@code |X[k]|^2} of the transform of a real field (a new array). */
    public static double[] power(double[] field, int... shape) {
        double[] re = field.clone();
        double[] im = new double[field.length];
        forward(re, im, shape);
        for (int k = 0; k < re.length; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
        }
        return re;
    }

    static int size(int[] shape) {
        long total = 1;
        for (int n : shape) {
            if (n < 1) {
                throw new IllegalArgumentException("axis lengths must be >= 1, got " + java.util.Arrays.toString(shape));
            }
            total *= n;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("field too large: " + java.util.Arrays.toString(shape));
        }
        return (int) total;
    }
}
