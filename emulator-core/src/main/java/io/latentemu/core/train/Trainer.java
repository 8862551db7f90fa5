package io.latentemu.core.train;

import io.latentemu.core.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optimises a {@link TrainableModel} on the batches of a {@link BatchSource}: AdamW with weight decay
 * where the model allows it, warm-up and cosine decay of the learning rate, global-norm gradient
 * clipping, steps with non-finite loss or gradients skipped and counted, an optional moving average of
 * the weights, checkpoints every N steps and at the end, progress on the terminal and a JSON-lines log
 * in the run directory.
 *
 * <p>Resuming is exact: {@link #run()} continues from the newest checkpoint of the run directory, and
 * because step n always sees {@code batches.batch(n)}, the seed {@code Seeds.mix(seed, n)} (also set on
 * ND4J's global generator before the model is called) and the restored optimiser state, the losses after
 * a resume are those of an uninterrupted run, bit for bit on the same backend.
 *
 * @param <B> batch type
 */
public final class Trainer<B> {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /** File name of the JSON-lines log in the run directory. */
    public static final String LOG_FILE = "train-log.jsonl";
    /** Sub-directory of the run directory holding the checkpoints. */
    public static final String CHECKPOINTS = "checkpoints";

    private final TrainerConfig config;
    private final TrainableModel<B> model;
    private final BatchSource<B> batches;
    private final Path runDirectory;
    private final CheckpointStore store;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final AdamW adam;
    private ExponentialMovingAverage ema;
    private long step;
    private long skipped;

    /**
     * @param config       the run's settings
     * @param model        parameters are updated in place
     * @param batches      batch of each step
     * @param runDirectory holds {@value #CHECKPOINTS}/ and {@value #LOG_FILE}; a run found there is resumed
     */
    public Trainer(TrainerConfig config, TrainableModel<B> model, BatchSource<B> batches, Path runDirectory) {
        this.config = config;
        this.model = model;
        this.batches = batches;
        this.runDirectory = runDirectory;
        this.store = new CheckpointStore(runDirectory.resolve(CHECKPOINTS));
        this.adam = new AdamW(config.beta1(), config.beta2(), config.epsilon(), config.weightDecay());
    }

    /** Adds an observer of every step. */
    public Trainer<B> addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The checkpoints of this run. */
    public CheckpointStore checkpoints() {
        return store;
    }

    /** Steps completed so far. */
    public long step() {
        return step;
    }

    /** The moving average of the weights, or empty when {@code emaDecay} is 0. */
    public Optional<Map<String, INDArray>> emaParameters() {
        return Optional.ofNullable(ema).map(ExponentialMovingAverage::parameters);
    }

    /** Trains to {@code config.steps()}, resuming from the newest checkpoint if there is one. */
    public TrainingResult run() throws IOException {
        Map<String, INDArray> params = model.parameters();
        if (params.isEmpty()) {
            throw new IllegalArgumentException("the model has no parameters");
        }
        Files.createDirectories(runDirectory);
        store.removeIncomplete();
        adam.initialise(params);
        ema = config.emaDecay() > 0 ? new ExponentialMovingAverage(config.emaDecay(), params) : null;
        step = 0;
        skipped = 0;
        Optional<Path> latest = store.latest();
        if (latest.isPresent()) {
            restore(latest.get(), params);
        }
        long resumedFrom = step;
        WarmupCosineDecay schedule = config.schedule();
        Path lastCheckpoint = latest.orElse(null);
        double lastLoss = Double.NaN;
        try (TrainingLog log = new TrainingLog(runDirectory.resolve(LOG_FILE), step)) {
            log.event(resumedFrom > 0 ? "resume" : "start", step, null);
            if (resumedFrom > 0) {
                LOG.info("resumed from {} (step {} of {})", latest.get(), step, config.steps());
            }
            ProgressMeter progress = new ProgressMeter(step, config.steps(), batches.batchSize());
            while (step < config.steps()) {
                StepRecord record = trainStep(params, schedule.rate(step));
                lastLoss = record.loss();
                log.step(record);
                progress.add(record);
                step++;
                if (step % config.logEvery() == 0 || step == config.steps()) {
                    LOG.info(progress.line(step, record.learningRate(), skipped));
                }
                if (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0 && step < config.steps()) {
                    lastCheckpoint = save(log);
                }
                for (TrainingListener l : listeners) {
                    l.onStep(record);
                }
            }
            if (lastCheckpoint == null || CheckpointStore.stepOf(lastCheckpoint) != step) {
                lastCheckpoint = save(log);
            }
            log.event("end", step, "skipped " + skipped);
        }
        return new TrainingResult(step, skipped, lastLoss, lastCheckpoint, resumedFrom);
    }

    private StepRecord trainStep(Map<String, INDArray> params, double lr) {
        long seed = Seeds.mix(config.seed(), step);
        Nd4j.getRandom().setSeed(seed);
        LossAndGradients lg = model.lossAndGradients(batches.batch(step), seed);
        Map<String, INDArray> grads = lg.gradients();
        double sumSquares = 0;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray g = grads.get(e.getKey());
            if (g == null || !Arrays.equals(g.shape(), e.getValue().shape())) {
                throw new IllegalStateException("gradient of " + e.getKey() + " is "
                        + (g == null ? "missing" : Arrays.toString(g.shape())) + ", parameter shape "
                        + Arrays.toString(e.getValue().shape()));
            }
            double n = g.norm2Number().doubleValue();
            sumSquares += n * n;
        }
        double norm = Math.sqrt(sumSquares);
        if (!Double.isFinite(norm) || !Double.isFinite(lg.loss())) {
            skipped++;
            LOG.warn("step {}: non-finite loss {} or gradient norm {}; update skipped ({} so far)", step, lg.loss(),
                    norm, skipped);
            return new StepRecord(step, lg.loss(), lr, norm, true);
        }
        Map<String, INDArray> used = grads;
        if (config.gradientClipNorm() > 0 && norm > config.gradientClipNorm()) {
            double scale = config.gradientClipNorm() / (norm + 1e-6);
            used = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, INDArray> e : grads.entrySet()) {
                used.put(e.getKey(), e.getValue().mul(scale));
            }
        }
        adam.update(params, used, lr, model::decays);
        if (ema != null) {
            ema.update(params);
        }
        return new StepRecord(step, lg.loss(), lr, norm, false);
    }

    private Path save(TrainingLog log) throws IOException {
        Path dir = store.save(new CheckpointState(step, skipped, adam.updates(), config, model.parameters(),
                adam.firstMoments(), adam.secondMoments(), ema == null ? null : ema.parameters()),
                config.keepCheckpoints());
        log.event("checkpoint", step, dir.getFileName().toString());
        LOG.debug("checkpoint {}", dir);
        return dir;
    }

    private void restore(Path dir, Map<String, INDArray> params) throws IOException {
        CheckpointState state = store.load(dir);
        if (!state.parameters().keySet().equals(params.keySet())) {
            throw new IOException("checkpoint " + dir + " holds parameters " + state.parameters().keySet()
                    + " but the model has " + params.keySet());
        }
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray saved = state.parameters().get(e.getKey());
            if (!Arrays.equals(saved.shape(), e.getValue().shape())) {
                throw new IOException("checkpoint " + dir + "/parameters.bin: " + e.getKey() + " has shape "
                        + Arrays.toString(saved.shape()) + ", the model expects " + Arrays.toString(e.getValue().shape()));
            }
            e.getValue().assign(saved);
        }
        if (!state.config().equals(config)) {
            LOG.warn("resuming {} with settings that differ from the checkpoint's: {} (was {})", dir, config, state.config());
        }
        adam.restore(state.firstMoment(), state.secondMoment(), state.adamUpdates());
        if (ema != null && state.ema() != null) {
            ema.restore(state.ema());
        }
        step = state.step();
        skipped = state.skipped();
    }
}
