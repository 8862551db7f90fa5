package io.latentemu.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.latentemu.examples.pipeline.AutoencoderRun;
import io.latentemu.examples.pipeline.EmulationSpace;
import io.latentemu.examples.pipeline.EmulatorKind;
import io.latentemu.examples.pipeline.EmulatorRun;
import io.latentemu.examples.pipeline.EvaluationStage;
import io.latentemu.examples.pipeline.RunDirectory;
import io.latentemu.examples.pipeline.RunFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a report shows of one model: its metric table and the figures of its run (an emulator), or a
 * baseline measured beside it (persistence; the autoencoder alone, i.e. its reconstruction error along the
 * test trajectories).
 *
 * @param label               name in tables and legends
 * @param role                emulator, persistence or autoencoder
 * @param kind                diffusion or deterministic (emulators only)
 * @param space               latent or pixel (emulators and autoencoders)
 * @param compressionRate     of the autoencoder (latent space), 1 in pixel space, NaN for persistence
 * @param metrics             the metric table
 * @param members             ensemble members
 * @param emulateSeconds      emulation time per frame (NaN for baselines)
 * @param decodeSeconds       decoding time per frame (0 in pixel space, NaN for baselines)
 * @param parameters          trainable parameters (0 for persistence)
 * @param trainSeconds        training wall time (of this run's network)
 * @param run                 the run directory the table comes from
 */
public record ModelResult(String label, Role role, EmulatorKind kind, EmulationSpace space, double compressionRate,
                          MetricsFile metrics, int members, double emulateSeconds, double decodeSeconds, long parameters,
                          double trainSeconds, Path run) {

    /** What a row is. */
    public enum Role { EMULATOR, PERSISTENCE, AUTOENCODER }

    /** Cost of one emulated frame: emulation plus decoding. */
    public double costSeconds() {
        return emulateSeconds + decodeSeconds;
    }

    /** Whether spread/skill means something (an ensemble of several members). */
    public boolean isEnsemble() {
        return members > 1;
    }

    /**
     * The rows of a report over emulator runs: each evaluated emulator, then persistence (measured in the first
     * run) and each distinct autoencoder (its reconstruction along the test trajectories).
     */
    public static List<ModelResult> collect(List<Path> runs) throws IOException {
        List<ModelResult> emulators = new ArrayList<>();
        Map<String, ModelResult> autoencoders = new LinkedHashMap<>();
        ModelResult persistence = null;
        boolean severalRates = runs.stream().map(ModelResult::rateOf).filter(r -> r != 1.0).distinct().count() > 1;
        for (Path dir : runs) {
            EmulatorRun er = EmulatorRun.existing(dir);
            RunDirectory run = er.directory();
            if (run.state(RunFiles.EVALUATE) != RunDirectory.StageState.DONE) {
                throw new IllegalStateException("run " + dir + " is not evaluated: run ./emulator evaluate --run " + dir + " first");
            }
            Path metrics = run.path().resolve(RunFiles.METRICS);
            double rate = rateOf(dir);
            JsonNode rollout = run.summary(RunFiles.ROLLOUT);
            JsonNode train = run.summary(RunFiles.TRAIN);
            String label = er.label() + (er.config().space() == EmulationSpace.LATENT && severalRates
                    ? String.format(Locale.ROOT, " %.0fx", rate) : "");
            emulators.add(new ModelResult(label, Role.EMULATOR, er.config().kind(), er.config().space(), rate,
                    MetricsFile.read(metrics.resolve(EvaluationStage.EMULATOR + ".json")), rollout.path("members").asInt(1),
                    rollout.path("emulate_seconds_per_frame").asDouble(Double.NaN),
                    rollout.path("decode_seconds_per_frame").asDouble(0), train.path("parameters").asLong(),
                    train.path("seconds").asDouble(Double.NaN), run.path()));
            if (persistence == null) {
                persistence = new ModelResult("persistence", Role.PERSISTENCE, null, EmulationSpace.PIXEL, Double.NaN,
                        MetricsFile.read(metrics.resolve(EvaluationStage.PERSISTENCE + ".json")), 1, Double.NaN, Double.NaN, 0,
                        Double.NaN, run.path());
            }
            if (er.config().space() == EmulationSpace.LATENT && !autoencoders.containsKey(er.config().autoencoder())) {
                RunDirectory ae = AutoencoderRun.existing(Path.of(er.config().autoencoder())).directory();
                JsonNode aeTrain = ae.summary(RunFiles.TRAIN);
                autoencoders.put(er.config().autoencoder(), new ModelResult(
                        String.format(Locale.ROOT, "autoencoder %.0fx", rate), Role.AUTOENCODER, null, EmulationSpace.LATENT,
                        rate, MetricsFile.read(metrics.resolve(EvaluationStage.AUTOENCODER + ".json")), 1, Double.NaN,
                        Double.NaN, aeTrain.path("parameters").asLong(), aeTrain.path("seconds").asDouble(Double.NaN),
                        ae.path()));
            }
        }
        List<ModelResult> all = new ArrayList<>(emulators);
        if (persistence != null) {
            all.add(persistence);
        }
        all.addAll(autoencoders.values());
        return all;
    }

    /** The compression rate of a run's autoencoder, 1 in pixel space. */
    private static double rateOf(Path dir) {
        EmulatorRun er = EmulatorRun.existing(dir);
        if (er.config().space() == EmulationSpace.PIXEL) {
            return 1.0;
        }
        RunDirectory ae = AutoencoderRun.existing(Path.of(er.config().autoencoder())).directory();
        return ae.summary(RunFiles.TRAIN).path("compression_rate").asDouble(Double.NaN);
    }
}
