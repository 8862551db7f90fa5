package io.latentemu.examples.study;

import io.latentemu.examples.report.ModelResult;
import io.latentemu.examples.report.ReportTable;
import io.latentemu.examples.report.ReportTable.Column;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The study's table in the form of the paper: per compression rate the autoencoder's reconstruction error
 * and the latent diffusion and deterministic emulators, then pixel space and persistence; VRMSE over the early,
 * middle and late lead-time bins, the mean power-spectrum error over the three bands, spread/skill, cost per
 * emulated frame and the speed-up over the pixel-space emulator.
 */
public final class StudyTable {

    private StudyTable() {
    }

    /** The table of the study's models (rows sorted by compression rate, then role and kind). */
    public static ReportTable of(List<ModelResult> models) throws IOException {
        List<ModelResult> sorted = new ArrayList<>(models);
        sorted.sort(Comparator.comparingDouble(StudyTable::rateKey).thenComparing(StudyTable::roleKey));
        double pixelCost = models.stream().filter(m -> m.role() == ModelResult.Role.EMULATOR && m.compressionRate() == 1.0)
                .mapToDouble(ModelResult::costSeconds).findFirst().orElse(Double.NaN);
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("model", ModelResult::label));
        columns.add(new Column("compression", m -> Double.isFinite(m.compressionRate())
                ? String.format(Locale.ROOT, "%.0fx", m.compressionRate()) : "-"));
        columns.addAll(ReportTable.vrmseByBin(models.get(0).metrics().bins()));
        columns.add(new Column("spectral error", m -> ReportTable.num(
                (m.metrics().overall("power_spectrum_error_low") + m.metrics().overall("power_spectrum_error_mid")
                        + m.metrics().overall("power_spectrum_error_high")) / 3)));
        columns.add(ReportTable.spreadSkill());
        columns.add(ReportTable.cost());
        columns.add(new Column("speed-up vs pixel", m -> Double.isFinite(m.costSeconds()) && Double.isFinite(pixelCost)
                ? String.format(Locale.ROOT, "%.1fx", pixelCost / m.costSeconds()) : "-"));
        return new ReportTable(sorted, columns);
    }

    /** Latent rows by increasing compression, then pixel space, then persistence. */
    private static double rateKey(ModelResult m) {
        if (!Double.isFinite(m.compressionRate())) {
            return Double.POSITIVE_INFINITY;
        }
        return m.compressionRate() == 1.0 ? Double.MAX_VALUE : m.compressionRate();
    }

    private static int roleKey(ModelResult m) {
        if (m.role() == ModelResult.Role.AUTOENCODER) {
            return 0;
        }
        if (m.role() == ModelResult.Role.PERSISTENCE) {
            return 3;
        }
        return m.isEnsemble() || m.kind() == io.latentemu.examples.pipeline.EmulatorKind.DIFFUSION ? 1 : 2;
    }
}
