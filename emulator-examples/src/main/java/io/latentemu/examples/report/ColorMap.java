package io.latentemu.examples.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A colour map from values in [0, 1] to RGB, read from a 256-entry table. {@link #viridis()} is the
 * perceptually uniform map used for every field image of the reports.
 */
public final class ColorMap {

    private final int[] rgb;

    private ColorMap(int[] rgb) {
        this.rgb = rgb;
    }

    /** matplotlib's viridis: perceptually uniform, readable in grey scale and by colour-blind readers. */
    public static ColorMap viridis() {
        return Holder.VIRIDIS;
    }

    /** Packed 0xRRGGBB colour of {@code u}, clamped to [0, 1]; NaN maps to mid grey. */
    public int rgb(double u) {
        if (Double.isNaN(u)) {
            return 0x808080;
        }
        double c = Math.min(1.0, Math.max(0.0, u));
        return rgb[(int) Math.round(c * (rgb.length - 1))];
    }

    /** Number of entries in the table. */
    public int size() {
        return rgb.length;
    }

    static ColorMap fromResource(String name) {
        try (InputStream in = ColorMap.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("colour table " + name + " missing from the class path");
            }
            List<Integer> colours = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
                for (String line; (line = r.readLine()) != null; ) {
                    line = line.trim();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        colours.add(Integer.parseInt(line, 16));
                    }
                }
            }
            return new ColorMap(colours.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colour table " + name, e);
        }
    }

    private static final class Holder {
        static final ColorMap VIRIDIS = fromResource("viridis.txt");
    }
}
