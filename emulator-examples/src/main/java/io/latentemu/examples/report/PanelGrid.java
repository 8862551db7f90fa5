package io.latentemu.examples.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Composes field images into a labelled grid: one row per source (truth, ensemble members, prediction),
 * one column per lead time, and a colour bar per row giving the shared value range.
 */
public final class PanelGrid {

    private static final int PAD = 6;
    private static final int LABEL_W = 130;
    private static final int TITLE_H = 22;
    private static final int BAR_W = 14;
    private static final int BAR_TEXT_W = 70;

    private final List<String> columnTitles;
    private final List<Row> rows = new ArrayList<>();

    /** A grid whose columns carry these titles (e.g. "t+1", "t+10"). */
    public PanelGrid(List<String> columnTitles) {
        this.columnTitles = List.copyOf(columnTitles);
    }

    /** Adds a row of equally sized panels rendered over the range [vmin, vmax]. */
    public PanelGrid addRow(String label, List<BufferedImage> panels, double vmin, double vmax) {
        if (panels.size() != columnTitles.size()) {
            throw new IllegalArgumentException("row '" + label + "' has " + panels.size() + " panels for "
                    + columnTitles.size() + " columns");
        }
        rows.add(new Row(label, List.copyOf(panels), vmin, vmax));
        return this;
    }

    /** Draws the grid. */
    public BufferedImage render() {
        if (rows.isEmpty()) {
            throw new IllegalStateException("no rows to draw");
        }
        int pw = rows.get(0).panels.get(0).getWidth();
        int ph = rows.get(0).panels.get(0).getHeight();
        int cols = columnTitles.size();
        int width = LABEL_W + cols * (pw + PAD) + BAR_W + BAR_TEXT_W + PAD;
        int height = TITLE_H + rows.size() * (ph + PAD) + PAD;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (int c = 0; c < cols; c++) {
                String t = columnTitles.get(c);
                int x = LABEL_W + c * (pw + PAD) + (pw - fm.stringWidth(t)) / 2;
                g.drawString(t, x, TITLE_H - 6);
            }
            ColorMap map = ColorMap.viridis();
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                int y = TITLE_H + r * (ph + PAD);
                g.setColor(Color.BLACK);
                g.drawString(row.label, PAD, y + ph / 2 + fm.getAscent() / 2);
                for (int c = 0; c < cols; c++) {
                    g.drawImage(row.panels.get(c), LABEL_W + c * (pw + PAD), y, null);
                }
                int bx = LABEL_W + cols * (pw + PAD);
                for (int k = 0; k < ph; k++) {
                    g.setColor(new Color(map.rgb(1.0 - k / (double) Math.max(1, ph - 1))));
                    g.fillRect(bx, y + k, BAR_W, 1);
                }
                g.setColor(Color.BLACK);
                g.drawString(format(row.vmax), bx + BAR_W + 3, y + fm.getAscent());
                g.drawString(format(row.vmin), bx + BAR_W + 3, y + ph);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static String format(double v) {
        return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v != 0)
                ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private record Row(String label, List<BufferedImage> panels, double vmin, double vmax) {
    }
}
