package io.latentemu.examples.pipeline;

import io.latentemu.core.diffusion.DenoisingTask;
import io.latentemu.core.rollout.DeterministicEmulator;
import io.latentemu.core.rollout.DiffusionEmulator;
import io.latentemu.core.rollout.Emulator;
import io.latentemu.core.rollout.LatentCodec;
import io.latentemu.core.train.BatchSource;
import io.latentemu.core.train.TrainableModel;
import io.latentemu.data.norm.NormalizationMode;
import io.latentemu.models.backbone.VitConfig;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.emulator.DiffusionModel;
import io.latentemu.models.emulator.NeuralSolver;
import io.latentemu.models.emulator.WindowBatch;
import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.graph.ModelCard;
import io.latentemu.models.graph.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulator run: its configuration, the training stage ({@code ./emulator train-emulator}), and what the
 * later stages need (the trained emulator, its codec, the data it was trained on). Rollout and evaluation
 * are {@link RolloutStage} and {@link EvaluationStage}.
 */
public final class EmulatorRun {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorRun.class);

    private final RunDirectory run;
    private final EmulatorRunConfig config;

    private EmulatorRun(RunDirectory run, EmulatorRunConfig config) {
        this.run = run;
        this.config = config;
    }

    /** An emulator run that exists (its configuration was written). */
    public static EmulatorRun existing(Path dir) {
        RunDirectory run = RunDirectory.existing(dir);
        if (!Files.exists(run.file(RunFiles.EMULATOR_CONFIG + ".yaml"))) {
            throw new IllegalArgumentException(dir + " is not an emulator run (no " + RunFiles.EMULATOR_CONFIG + ".yaml)");
        }
        return new EmulatorRun(run, run.readConfig(RunFiles.EMULATOR_CONFIG, EmulatorRunConfig.class));
    }

    public RunDirectory directory() {
        return run;
    }

    public EmulatorRunConfig config() {
        return config;
    }

    /** A label such as "latent diffusion". */
    public String label() {
        return config.space().label() + " " + config.kind().label();
    }

    /** {@code ./emulator train-emulator}: trains (or resumes, or skips when done). */
    public static EmulatorRun train(Path dir, EmulatorRunConfig config, boolean resume) throws IOException {
        if (config.space() == EmulationSpace.LATENT && config.autoencoder() == null) {
            throw new IllegalArgumentException("a latent-space emulator needs --autoencoder RUN (a train-autoencoder run)");
        }
        if (config.dataset() == null) {
            throw new IllegalArgumentException("an emulator needs --data DIR");
        }
        RunDirectory run = RunDirectory.open(dir);
        try (RunLog ignored = RunLog.attach(run)) {
            run.writeConfig(RunFiles.EMULATOR_CONFIG, config);
            EmulatorRun er = new EmulatorRun(run, config);
            if (run.shouldRun(RunFiles.TRAIN, resume)) {
                er.trainStage();
            } else {
                LOG.info("emulator of {} already trained: kept", dir);
            }
            return er;
        }
    }

    private void trainStage() throws IOException {
        run.markStarted(RunFiles.TRAIN, config.kind().label());
        Inputs in = inputs();
        try (PipelineData data = in.data()) {
            BatchSource<WindowBatch> batches;
            long[] stateShape = data.stateShape();
            long[] shape;
            Normalization normalization;
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("kind", config.kind().label());
            properties.put("space", config.space().label());
            properties.put("dataset", config.dataset());
            if (config.space() == EmulationSpace.LATENT) {
                AutoencoderRun ae = in.autoencoder();
                AutoencoderRun.Latents latents = ae.latents("train");
                shape = java.util.Arrays.copyOfRange(latents.latents().shape(), 2, 5);
                batches = WindowSource.inMemory(latents.latents(), latents.parameters(), config.frames(), config.context(),
                        config.training().batchSize(), config.training().seed());
                normalization = ae.model().card().normalization();
                properties.put("autoencoder", ae.directory().path().toString());
            } else {
                shape = stateShape;
                batches = WindowSource.fromDataset(data, "train", config.frames(), config.context(),
                        config.training().batchSize(), config.training().seed());
                normalization = AutoencoderRun.normalization(data);
            }
            WindowShape window = WindowShape.of(config.frames(), shape);
            warnIfTokensExceedWidth(config, shape);
            BuildOptions options = BuildOptions.seed(config.training().seed());
            TrainableModel<WindowBatch> model;
            ModelSaver saver;
            if (config.kind() == EmulatorKind.DIFFUSION) {
                DiffusionModel m = DiffusionModel.build(window, data.parameterCount(), config.backbone(),
                        DenoisingTask.study(), options);
                model = m;
                saver = m::save;
            } else {
                NeuralSolver m = NeuralSolver.build(window, data.parameterCount(), config.backbone(), options);
                model = m;
                saver = m::save;
            }
            LOG.info("{} emulator: {} parameters, windows of {} states {} ({} known); {} steps of {} windows", label(),
                    Training.parameterCount(model), config.frames(), AutoencoderRun.shape(shape), config.context(),
                    config.training().steps(), config.training().batchSize());
            Training.Outcome outcome = Training.train(model, batches, config.training(), run.path());
            long[] latentShape = config.space() == EmulationSpace.LATENT ? shape : null;
            saver.save(run.file(RunFiles.MODEL), new ModelCard.Extras(normalization, stateShape, latentShape, properties));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("parameters", Training.parameterCount(model));
            summary.put("window", new long[] {config.frames(), shape[0], shape[1], shape[2]});
            summary.put("steps", outcome.result().steps());
            summary.put("final_loss", outcome.result().lastLoss());
            summary.put("skipped_steps", outcome.result().skippedSteps());
            summary.put("seconds", outcome.seconds());
            run.markDone(RunFiles.TRAIN, summary);
            LOG.info("{} emulator trained in {} s; saved {}", label(), AutoencoderRun.fmt(outcome.seconds()),
                    run.file(RunFiles.MODEL));
        }
    }

    /** The dataset (normalised as the emulator saw it) and, in latent space, the autoencoder run. */
    Inputs inputs() {
        AutoencoderRun ae = null;
        NormalizationMode mode = config.normalization();
        if (config.space() == EmulationSpace.LATENT) {
            ae = AutoencoderRun.existing(Path.of(config.autoencoder()));
            AutoencoderRunConfig aeConfig = ae.config();
            mode = aeConfig.normalization();
            if (!Path.of(aeConfig.dataset()).toAbsolutePath().normalize()
                    .equals(Path.of(config.dataset()).toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("the autoencoder " + config.autoencoder() + " was trained on "
                        + aeConfig.dataset() + ", not on " + config.dataset());
            }
        }
        return new Inputs(PipelineData.open(Path.of(config.dataset()), mode), ae);
    }

    /** The trained emulator with the given rollout settings, and the codec it emulates through. */
    Loaded load(RolloutSettings settings) throws IOException {
        Path file = run.file(RunFiles.MODEL);
        if (!Files.exists(file)) {
            throw new IllegalStateException("emulator run " + run.path() + " has no " + RunFiles.MODEL
                    + ": run ./emulator train-emulator first (or with --resume to finish it)");
        }
        Emulator emulator;
        if (config.kind() == EmulatorKind.DIFFUSION) {
            DiffusionModel m = DiffusionModel.load(file);
            emulator = new DiffusionEmulator(m, Samplers.create(settings.sampler(), settings.samplerSteps(),
                    m.task().schedule()), config.frames(), config.context());
        } else {
            emulator = new DeterministicEmulator(NeuralSolver.load(file), config.frames(), config.context());
        }
        LatentCodec codec = config.space() == EmulationSpace.LATENT
                ? AutoencoderRun.existing(Path.of(config.autoencoder())).model() : LatentCodec.identity();
        return new Loaded(emulator, codec);
    }

    /** Saves a trained window model. */
    @FunctionalInterface
    private interface ModelSaver {
        void save(Path file, ModelCard.Extras extras) throws IOException;
    }

    /**
     * @param data        the dataset, normalised as the emulator saw it
     * @param autoencoder the autoencoder run, or null in pixel space
     */
    record Inputs(PipelineData data, AutoencoderRun autoencoder) {
    }

    /**
     * @param emulator the trained emulator
     * @param codec    its autoencoder, or the identity in pixel space
     */
    record Loaded(Emulator emulator, LatentCodec codec) {
    }

    /**
     * A ViT token carries (channels + mask) x p^2 values; with a narrower width its embedding is lossy. Measured on
     * the quickstart (8 x 16 x 16 latents, 4 x 4 patches, 144 values): at width 128 the diffusion samples kept
     * noise the denoiser could not see (VRMSE 1.27 at leads 1-4, worse than persistence), at 192 they did not (0.70).
     */
    private static void warnIfTokensExceedWidth(EmulatorRunConfig config, long[] state) {
        if (config.backbone() instanceof VitConfig vit) {
            long values = (state[0] + 1) * vit.patchSize() * vit.patchSize();
            if (values > vit.width()) {
                LOG.warn("ViT width {} is below the {} values of a token ({} channels + mask, {}x{} patches): the token "
                        + "embedding is lossy; diffusion samples may keep noise (raise backbone.width or lower "
                        + "backbone.patchSize)", vit.width(), values, state[0], vit.patchSize(), vit.patchSize());
            }
        }
    }
}
