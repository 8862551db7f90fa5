package io.latentemu.core.metrics;

/**
 * Two-dimensional DFT of a real or complex field stored row-major ({@code index = i * width + j}):
 * {@code X[k, l] = sum_{i,j} x[i, j] exp(-2 pi i (k i / H + l j / W))}, unnormalised. Rows first,
 * then columns, with {@link Fft} plans.
 */
public final class Fft2d {

    private Fft2d() {
    }

    /**
     * In-place forward transform.
     *
     * @param re     real parts, length H*W
     * @param im     imaginary parts, length H*W
     * @param height H (rows)
     * @param width  W (columns)
     */
    public static void forward(double[] re, double[] im, int height, int width) {
        if (re.length != (long) height * width || im.length != re.length) {
            throw new IllegalArgumentException("field of " + re.length + " values is not " + height + "x" + width);
        }
        Fft rows = Fft.of(width);
        double[] r = new double[width];
        double[] i = new double[width];
        for (int y = 0; y < height; y++) {
            System.arraycopy(re, y * width, r, 0, width);
            System.arraycopy(im, y * width, i, 0, width);
            rows.forward(r, i);
            System.arraycopy(r, 0, re, y * width, width);
            System.arraycopy(i, 0, im, y * width, width);
        }
        Fft cols = Fft.of(height);
        r = new double[height];
        i = new double[height];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                r[y] = re[y * width + x];
                i[y] = im[y * width + x];
            }
            cols.forward(r, i);
            for (int y = 0; y < height; y++) {
                re[y * width + x] = r[y];
                im[y * width + x] = i[y];
            }
        }
    }

    /** The squared magnitudes {@code |X[k, l]|^2} of the transform of a real field (a new array). */
    public static double[] power(double[] field, int height, int width) {
        double[] re = field.clone();
        double[] im = new double[field.length];
        forward(re, im, height, width);
        for (int k = 0; k < re.length; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
        }
        return re;
    }
}
