package io.latentemu.examples.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of several named series against a common kind of x axis (lead time, wavenumber),
 * saved as PNG with XChart. Non-finite and, on log axes, non-positive points are dropped.
 */
public final class LineFigure {

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private boolean logX;
    private boolean logY;
    private final Map<String, double[][]> series = new LinkedHashMap<>();
    private Double referenceY;

    /** A figure with these labels. */
    public LineFigure(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Logarithmic axes. */
    public LineFigure log(boolean x, boolean y) {
        this.logX = x;
        this.logY = y;
        return this;
    }

    /** A dashed horizontal line at {@code y} (e.g. the calibrated spread/skill of 1). */
    public LineFigure reference(double y) {
        this.referenceY = y;
        return this;
    }

    /** Adds a series; x and y have equal length. */
    public LineFigure add(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values, " + y.length + " y values");
        }
        series.put(name, new double[][] {x.clone(), y.clone()});
        return this;
    }

    /** Writes the PNG (via a temporary file, so a crash leaves no half-written figure). */
    public void save(Path png) throws IOException {
        XYChart chart = new XYChartBuilder().width(720).height(460).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Styler.LegendPosition pos = Styler.LegendPosition.InsideNW;
        chart.getStyler().setLegendPosition(pos);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[][] pts = keep(e.getValue()[0], e.getValue()[1]);
            if (pts[0].length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(e.getKey(), pts[0], pts[1]);
            s.setMarker(pts[0].length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            for (double v : pts[0]) {
                xmin = Math.min(xmin, v);
                xmax = Math.max(xmax, v);
            }
        }
        if (referenceY != null && xmin <= xmax) {
            XYSeries ref = chart.addSeries("reference " + referenceY, new double[] {xmin, xmax},
                    new double[] {referenceY, referenceY});
            ref.setMarker(SeriesMarkers.NONE);
            ref.setLineColor(java.awt.Color.GRAY);
            ref.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                    java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp.png");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private double[][] keep(double[] x, double[] y) {
        int n = 0;
        double[] kx = new double[x.length];
        double[] ky = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            boolean ok = Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!logX || x[i] > 0) && (!logY || y[i] > 0);
            if (ok) {
                kx[n] = x[i];
                ky[n] = y[i];
                n++;
            }
        }
        return new double[][] {java.util.Arrays.copyOf(kx, n), java.util.Arrays.copyOf(ky, n)};
    }
}
