package io.latentemu.core.train;

import java.util.Locale;

/**
 * Formats the progress line of a run: step, mean loss since the last line, learning rate,
 * throughput and estimated time to the end.
 */
final class ProgressMeter {

    private final long totalSteps;
    private final int batchSize;
    private long lastStep;
    private long lastTime;
    private double lossSum;
    private int lossCount;
    private double stepSeconds = Double.NaN;

    ProgressMeter(long startStep, long totalSteps, int batchSize) {
        this.totalSteps = totalSteps;
        this.batchSize = batchSize;
        this.lastStep = startStep;
        this.lastTime = System.nanoTime();
    }

    void add(StepRecord r) {
        if (!r.skipped()) {
            lossSum += r.loss();
            lossCount++;
        }
    }

    /** The line for the steps since the previous one; {@code done} is the number of completed steps. */
    String line(long done, double learningRate, long skipped) {
        long now = System.nanoTime();
        double seconds = (now - lastTime) / 1e9;
        long steps = done - lastStep;
        double perStep = steps > 0 ? seconds / steps : Double.NaN;
        // smooth the per-step time for the ETA
        stepSeconds = Double.isNaN(stepSeconds) ? perStep : 0.7 * stepSeconds + 0.3 * perStep;
        double eta = stepSeconds * (totalSteps - done);
        String line = String.format(Locale.ROOT, "step %d/%d  loss %.5g  lr %.3g  %.1f samples/s  ETA %s%s",
                done, totalSteps, lossCount > 0 ? lossSum / lossCount : Double.NaN, learningRate,
                steps > 0 ? steps * batchSize / seconds : 0.0, duration(eta),
                skipped > 0 ? "  skipped " + skipped : "");
        lastTime = now;
        lastStep = done;
        lossSum = 0;
        lossCount = 0;
        return line;
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
