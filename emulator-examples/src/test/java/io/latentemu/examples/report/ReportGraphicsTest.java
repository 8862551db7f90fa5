package io.latentemu.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGraphicsTest {

    @TempDir
    Path dir;

    @Test
    void viridisEndpointsAreMatplotlibs() {
        // matplotlib: viridis(0) = (0.267004, 0.004874, 0.329415), viridis(1) = (0.993248, 0.906157, 0.143936)
        ColorMap map = ColorMap.viridis();
        assertEquals(256, map.size());
        assertEquals(rgb(0.267004, 0.004874, 0.329415), map.rgb(0.0));
        assertEquals(rgb(0.993248, 0.906157, 0.143936), map.rgb(1.0));
        assertEquals(map.rgb(1.0), map.rgb(7.0), "values above the range clamp");
    }

    @Test
    void fieldImageMapsTheRangeEndsToTheMapEnds() {
        float[] f = {0f, 1f, 2f, 4f};
        BufferedImage img = FieldImage.render(f, 2, 2, 0, 4, 3, ColorMap.viridis());
        assertEquals(6, img.getWidth());
        assertEquals(6, img.getHeight());
        assertEquals(ColorMap.viridis().rgb(0), img.getRGB(0, 0) & 0xffffff);
        assertEquals(ColorMap.viridis().rgb(1), img.getRGB(5, 5) & 0xffffff, "row 1, column 1 holds the maximum");
        assertEquals(ColorMap.viridis().rgb(0.25), img.getRGB(3, 0) & 0xffffff, "row 0, column 1 holds 1 = a quarter");
    }

    @Test
    void gifHoldsEveryFrame() throws Exception {
        List<BufferedImage> frames = List.of(
                FieldImage.render(new float[] {0, 1, 2, 3}, 2, 2, 0, 3, 4, ColorMap.viridis()),
                FieldImage.render(new float[] {3, 2, 1, 0}, 2, 2, 0, 3, 4, ColorMap.viridis()),
                FieldImage.render(new float[] {1, 1, 1, 1}, 2, 2, 0, 3, 4, ColorMap.viridis()));
        Path gif = dir.resolve("rollout.gif");
        GifWriter.write(frames, 200, gif);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(3, reader.getNumImages(true));
            assertEquals(8, reader.read(0).getWidth());
        }
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file left");
    }

    @Test
    void lineFigureAndPanelGridWritePngs() throws Exception {
        Path png = dir.resolve("vrmse.png");
        new LineFigure("VRMSE", "lead time", "VRMSE").log(false, true).reference(1.0)
                .add("diffusion", new double[] {1, 2, 3}, new double[] {0.1, 0.2, 0.3})
                .add("persistence", new double[] {1, 2, 3}, new double[] {0.2, Double.NaN, 0.6})
                .save(png);
        BufferedImage chart = ImageIO.read(png.toFile());
        assertEquals(720, chart.getWidth());

        BufferedImage panel = FieldImage.render(new float[16], 4, 4, 0, 1, 8, ColorMap.viridis());
        BufferedImage grid = new PanelGrid(List.of("t+1", "t+2"))
                .addRow("truth", List.of(panel, panel), 0, 1)
                .addRow("member 1", List.of(panel, panel), 0, 1)
                .render();
        assertTrue(grid.getWidth() > 2 * 32 && grid.getHeight() > 2 * 32);
    }

    private static int rgb(double r, double g, double b) {
        return ((int) Math.round(r * 255) << 16) | ((int) Math.round(g * 255) << 8) | (int) Math.round(b * 255);
    }
}
