package io.latentemu.examples.pipeline;

import io.latentemu.core.metrics.PointwiseMetrics;
import io.latentemu.core.io.AtomicFiles;
import io.latentemu.models.autoencoder.Autoencoder;
import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.graph.ModelCard;
import io.latentemu.models.graph.Normalization;
import io.latentemu.models.nn.Periodicity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages of an autoencoder run: training on single states ({@value RunFiles#TRAIN}), its reconstruction
 * error on the test split ({@value RunFiles#RECONSTRUCTION}) and the latents of every split
 * ({@value RunFiles#ENCODE}). Each stage is skipped when done and continued with {@code resume} when
 * interrupted.
 */
public final class AutoencoderRun {

    private static final Logger LOG = LoggerFactory.getLogger(AutoencoderRun.class);
    /** States encoded or reconstructed per network call. */
    private static final int CHUNK = 64;

    private final RunDirectory run;

    private AutoencoderRun(RunDirectory run) {
        this.run = run;
    }

    /** An autoencoder run that exists (its configuration was written). */
    public static AutoencoderRun existing(Path dir) {
        RunDirectory run = RunDirectory.existing(dir);
        if (!Files.exists(run.file(RunFiles.AUTOENCODER_CONFIG + ".yaml"))) {
            throw new IllegalArgumentException(dir + " is not an autoencoder run (no " + RunFiles.AUTOENCODER_CONFIG
                    + ".yaml)");
        }
        return new AutoencoderRun(run);
    }

    public RunDirectory directory() {
        return run;
    }

    /** The resolved configuration. */
    public AutoencoderRunConfig config() {
        return run.readConfig(RunFiles.AUTOENCODER_CONFIG, AutoencoderRunConfig.class);
    }

    /**
     * {@code ./emulator train-autoencoder}: trains (or resumes, or skips when done), then measures the
     * reconstruction error on the test split.
     */
    public static AutoencoderRun train(Path dir, AutoencoderRunConfig config, boolean resume) throws IOException {
        RunDirectory run = RunDirectory.open(dir);
        try (RunLog ignored = RunLog.attach(run)) {
            run.writeConfig(RunFiles.AUTOENCODER_CONFIG, config);
            AutoencoderRun ae = new AutoencoderRun(run);
            if (run.shouldRun(RunFiles.TRAIN, resume)) {
                ae.trainStage(config);
            } else {
                LOG.info("autoencoder of {} already trained: kept", dir);
            }
            if (run.shouldRun(RunFiles.RECONSTRUCTION, true)) {
                ae.reconstructionStage(config);
            }
            return ae;
        }
    }

    private void trainStage(AutoencoderRunConfig config) throws IOException {
        run.markStarted(RunFiles.TRAIN, "autoencoder");
        try (PipelineData data = PipelineData.open(Path.of(config.dataset()), config.normalization())) {
            long[] state = data.stateShape();
            Periodicity periodic = new Periodicity(data.periodic(0), data.periodic(1));
            Autoencoder model = Autoencoder.build(config.network().toConfig((int) state[0], periodic), config.loss(),
                    BuildOptions.seed(config.training().seed()));
            long[] latent = model.latentShape(state);
            double rate = model.compressionRate(state);
            LOG.info("autoencoder: {} parameters, states {} -> latents {} ({}x compression); {} steps of {} states",
                    Training.parameterCount(model), shape(state), shape(latent), fmt(rate), config.training().steps(),
                    config.training().batchSize());
            StateBatches batches = new StateBatches(data, "train", config.training().batchSize(), config.training().seed());
            Training.Outcome outcome = Training.train(model, batches, config.training(), run.path());
            model.save(run.file(RunFiles.MODEL), ModelCard.Extras.of(normalization(data), state));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("parameters", Training.parameterCount(model));
            summary.put("latent_shape", latent);
            summary.put("compression_rate", rate);
            summary.put("steps", outcome.result().steps());
            summary.put("final_loss", outcome.result().lastLoss());
            summary.put("skipped_steps", outcome.result().skippedSteps());
            summary.put("seconds", outcome.seconds());
            run.markDone(RunFiles.TRAIN, summary);
            LOG.info("autoencoder trained in {} s; saved {}", fmt(outcome.seconds()), run.file(RunFiles.MODEL));
        }
    }

    /** The normalisation a model file records: the data layer's shifts and scales per channel. */
    static Normalization normalization(PipelineData data) {
        return new Normalization(data.channels(), data.normalizer().shifts(), data.normalizer().scales());
    }

    /** The trained autoencoder. */
    public Autoencoder model() throws IOException {
        Path file = run.file(RunFiles.MODEL);
        if (!Files.exists(file)) {
            throw new IllegalStateException("autoencoder run " + run.path() + " has no " + RunFiles.MODEL
                    + ": run ./emulator train-autoencoder first (or with --resume to finish it)");
        }
        return Autoencoder.load(file);
    }

    private void reconstructionStage(AutoencoderRunConfig config) throws IOException {
        run.markStarted(RunFiles.RECONSTRUCTION, "reconstruction");
        Autoencoder model = model();
        try (PipelineData data = PipelineData.open(Path.of(config.dataset()), config.normalization())) {
            String split = data.dataset().hasSplit("test") ? "test" : "valid";
            PipelineData.Trajectories test = data.trajectories(split, config.evaluation());
            List<String> channels = data.channels();
            double[] sum = new double[channels.size()];
            long count = 0;
            long start = System.nanoTime();
            INDArray states = flatten(test.states());
            for (long from = 0; from < states.size(0); from += CHUNK) {
                long to = Math.min(states.size(0), from + CHUNK);
                INDArray x = states.get(NDArrayIndex.interval(from, to)).dup();
                INDArray u = data.denormalize(x).castTo(DataType.DOUBLE);
                INDArray v = data.denormalize(model.reconstruct(x)).castTo(DataType.DOUBLE);
                for (int i = 0; i < to - from; i++) {
                    for (int c = 0; c < channels.size(); c++) {
                        double[] truth = u.get(NDArrayIndex.point(i), NDArrayIndex.point(c)).dup().data().asDouble();
                        double[] pred = v.get(NDArrayIndex.point(i), NDArrayIndex.point(c)).dup().data().asDouble();
                        sum[c] += PointwiseMetrics.vrmse(pred, truth);
                    }
                    count++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> perChannel = new LinkedHashMap<>();
            double mean = 0;
            StringBuilder csv = new StringBuilder("channel,vrmse,states\n");
            for (int c = 0; c < channels.size(); c++) {
                double v = sum[c] / count;
                perChannel.put(channels.get(c), v);
                mean += v / channels.size();
                csv.append(channels.get(c)).append(',').append(String.format(Locale.ROOT, "%.9g", v)).append(',')
                        .append(count).append('\n');
            }
            csv.append("mean,").append(String.format(Locale.ROOT, "%.9g", mean)).append(',').append(count).append('\n');
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("split", split);
            summary.put("states", count);
            summary.put("vrmse", perChannel);
            summary.put("vrmse_mean", mean);
            summary.put("seconds", seconds);
            Path metrics = run.subdir(RunFiles.METRICS);
            Json.write(metrics.resolve("reconstruction.json"), summary);
            AtomicFiles.writeString(metrics.resolve("reconstruction.csv"), csv.toString());
            run.markDone(RunFiles.RECONSTRUCTION, summary);
            LOG.info("autoencoder reconstruction VRMSE on {} ({} states): {} (mean {})", split, count, perChannel, fmt(mean));
        }
    }

    /**
     * {@code ./emulator encode}: the latents of every trajectory of every split, cached in
     * {@value RunFiles#LATENTS}/SPLIT.bin (states {@code [N, T, c, h, w]} and parameters {@code [N, P]}).
     */
    public void encode(boolean resume) throws IOException {
        try (RunLog ignored = RunLog.attach(run)) {
            if (!run.shouldRun(RunFiles.ENCODE, resume)) {
                LOG.info("latents of {} already cached: kept", run.path());
                return;
            }
            run.markStarted(RunFiles.ENCODE, "encode");
            AutoencoderRunConfig config = config();
            Autoencoder model = model();
            long start = System.nanoTime();
            Map<String, Object> summary = new LinkedHashMap<>();
            try (PipelineData data = PipelineData.open(Path.of(config.dataset()), config.normalization())) {
                for (String split : data.dataset().splitNames()) {
                    Path file = latentFile(split);
                    if (Files.exists(file)) {
                        LOG.info("latents of {} already cached: kept", split);
                        summary.put(split, Map.of("file", file.toString()));
                        continue;
                    }
                    PipelineData.Trajectories t = data.trajectories(split, 0);
                    INDArray latents = encodeTrajectories(model, t.states());
                    Map<String, INDArray> arrays = new LinkedHashMap<>();
                    arrays.put("latents", latents);
                    arrays.put("parameters", t.parameters());
                    ArrayFile.write(file, arrays);
                    summary.put(split, Map.of("trajectories", t.count(), "steps", t.steps(), "shape", latents.shape()));
                    LOG.info("encoded {}: {} trajectories -> {}", split, t.count(), shape(latents.shape()));
                }
            }
            summary.put("seconds", (System.nanoTime() - start) / 1e9);
            run.markDone(RunFiles.ENCODE, summary);
        }
    }

    /** Where the latents of a split are cached. */
    public Path latentFile(String split) {
        return run.subdir(RunFiles.LATENTS).resolve(split + ".bin");
    }

    /** The cached latents of a split, encoding every split first when they are missing. */
    public Latents latents(String split) throws IOException {
        if (run.state(RunFiles.ENCODE) != RunDirectory.StageState.DONE) {
            LOG.info("latents of {} are not cached yet: encoding every split first", run.path());
            encode(true);
        }
        Path file = latentFile(split);
        Map<String, INDArray> arrays = ArrayFile.read(file);
        return new Latents(ArrayFile.require(arrays, "latents", file), arrays.get("parameters"));
    }

    /** Encodes trajectories {@code [N, T, C, H, W]} into {@code [N, T, c, h, w]}, a chunk of states at a time. */
    static INDArray encodeTrajectories(Autoencoder model, INDArray trajectories) {
        INDArray states = flatten(trajectories);
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < states.size(0); from += CHUNK) {
            long to = Math.min(states.size(0), from + CHUNK);
            parts.add(model.encode(states.get(NDArrayIndex.interval(from, to)).dup()));
        }
        INDArray z = parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
        return z.reshape(trajectories.size(0), trajectories.size(1), z.size(1), z.size(2), z.size(3));
    }

    private static INDArray flatten(INDArray trajectories) {
        return trajectories.reshape(trajectories.size(0) * trajectories.size(1), trajectories.size(2),
                trajectories.size(3), trajectories.size(4));
    }

    static String shape(long[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            sb.append(i == 0 ? "" : "x").append(s[i]);
        }
        return sb.toString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /**
     * Cached latents of a split.
     *
     * @param latents    {@code [N, T, c, h, w]}
     * @param parameters {@code [N, P]} or null
     */
    public record Latents(INDArray latents, INDArray parameters) {
    }
}
