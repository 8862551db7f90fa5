package io.latentemu.examples.report;

import java.awt.image.BufferedImage;

/**
 * Renders one 2-D field (row-major {@code [H, W]}, x down, y across as in the tensors) to an image
 * through a colour map, with a fixed value range so that panels compared side by side share a scale.
 */
public final class FieldImage {

    private FieldImage() {
    }

    /**
     * @param field  values, row-major {@code [h, w]}
     * @param h      rows
     * @param w      columns
     * @param vmin   value mapped to the lowest colour
     * @param vmax   value mapped to the highest colour
     * @param scale  integer magnification (nearest neighbour), at least 1
     */
    public static BufferedImage render(float[] field, int h, int w, double vmin, double vmax, int scale, ColorMap map) {
        if (field.length != h * w) {
            throw new IllegalArgumentException("field has " + field.length + " values, expected " + h + "x" + w);
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        double range = vmax > vmin ? vmax - vmin : 1.0;
        BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                int c = map.rgb((field[i * w + j] - vmin) / range);
                for (int di = 0; di < scale; di++) {
                    for (int dj = 0; dj < scale; dj++) {
                        img.setRGB(j * scale + dj, i * scale + di, c);
                    }
                }
            }
        }
        return img;
    }

    /** The range {@code [min, max]} of the finite values of several fields together. */
    public static double[] range(float[]... fields) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float[] f : fields) {
            for (float v : f) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }
}
