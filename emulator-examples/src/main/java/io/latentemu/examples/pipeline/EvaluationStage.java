package io.latentemu.examples.pipeline;

import io.latentemu.core.metrics.FieldMetrics;
import io.latentemu.core.metrics.LeadBin;
import io.latentemu.core.metrics.MetricTable;
import io.latentemu.core.metrics.PowerSpectrumError;
import io.latentemu.core.rollout.Emulator;
import io.latentemu.core.rollout.LatentCodec;
import io.latentemu.core.rollout.PersistenceEmulator;
import io.latentemu.core.rollout.ReplayEmulator;
import io.latentemu.core.rollout.Rollout;
import io.latentemu.core.rollout.RolloutEvaluator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./emulator evaluate}: scores the saved rollout per channel and lead time on de-normalised fields
 * (core's {@link RolloutEvaluator} and {@link FieldMetrics}), and on the same test trajectories the
 * persistence baseline and, in latent space, the autoencoder alone (the truth encoded and decoded along the
 * same code path). Writes {@code metrics/{emulator,persistence,autoencoder}.json} and {@code .csv} (per lead
 * and per lead-time bin), the power spectra of truth and emulation at three lead times
 * ({@code metrics/spectra.json}) and the decoded first test trajectory for the figures.
 */
public final class EvaluationStage {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationStage.class);
    /** Ensemble members kept in the snapshots. */
    static final int SNAPSHOT_MEMBERS = 3;
    /** Table names. */
    public static final String EMULATOR = "emulator";
    public static final String PERSISTENCE = "persistence";
    public static final String AUTOENCODER = "autoencoder";

    private EvaluationStage() {
    }

    /** Runs the stage (skipped when done). */
    public static void run(EmulatorRun er, boolean resume) throws IOException {
        RunDirectory run = er.directory();
        try (RunLog ignored = RunLog.attach(run)) {
            if (run.state(RunFiles.ROLLOUT) != RunDirectory.StageState.DONE) {
                throw new IllegalStateException("emulator run " + run.path() + " has no finished rollout: run ./emulator rollout first");
            }
            if (!run.shouldRun(RunFiles.EVALUATE, resume)) {
                LOG.info("evaluation of {} already done: kept", run.path());
                return;
            }
            run.markStarted(RunFiles.EVALUATE, "evaluate");
            long start = System.nanoTime();
            EmulatorRunConfig config = er.config();
            RolloutSettings settings = run.readConfig(RunFiles.ROLLOUT_CONFIG, RolloutSettings.class);
            Path file = RolloutStage.file(run);
            INDArray saved = ArrayFile.require(ArrayFile.read(file), "latents", file);
            int count = (int) saved.size(0);
            int members = (int) saved.size(1);
            int leads = (int) saved.size(2);
            EmulatorRun.Loaded loaded = er.load(settings);
            LatentCodec codec = loaded.codec();
            boolean latent = config.space() == EmulationSpace.LATENT;
            EmulatorRun.Inputs in = er.inputs();
            try (PipelineData data = in.data()) {
                List<String> channels = data.channels();
                String split = RolloutStage.testSplit(data);
                MetricTable emulator = new MetricTable(FieldMetrics.NAMES, channels, leads);
                MetricTable persistence = new MetricTable(FieldMetrics.NAMES, channels, leads);
                MetricTable autoencoder = latent ? new MetricTable(FieldMetrics.NAMES, channels, leads) : null;
                int[] spectrumLeads = spectrumLeads(leads);
                long[] state = data.stateShape();
                Spectra spectra = new Spectra(new PowerSpectrumError((int) state[1], (int) state[2]), channels.size(),
                        spectrumLeads);
                int perCall = Math.max(1, settings.batchRows() / members);
                int c = config.context();
                for (int from = 0; from < count; from += perCall) {
                    PipelineData.Trajectories t = data.trajectories(split, from, Math.min(perCall, count - from));
                    INDArray truth = RolloutStage.frames(t.states(), 0, c + leads);
                    INDArray mine = saved.get(NDArrayIndex.interval(from, from + t.count())).dup();
                    Rollout replayed = new Rollout(new SavedRollout(mine, config.frames(), c), codec);
                    new RolloutEvaluator(replayed, channels, data::denormalize)
                            .evaluate(truth, t.parameters(), members, 0, emulator);
                    Emulator still = new PersistenceEmulator(config.frames(), c);
                    new RolloutEvaluator(new Rollout(still, LatentCodec.identity()), channels, data::denormalize)
                            .evaluate(truth, t.parameters(), 1, 0, persistence);
                    if (latent) {
                        INDArray encoded = AutoencoderRun.encodeTrajectories(in.autoencoder().model(), truth);
                        Emulator replay = new ReplayEmulator(encoded, config.frames(), c, 1e-3);
                        new RolloutEvaluator(new Rollout(replay, codec), channels, data::denormalize)
                                .evaluate(truth, t.parameters(), 1, 0, autoencoder);
                    }
                    spectra.add(replayed, mine, truth, c, data);
                    if (from == 0) {
                        writeSnapshots(run, replayed, mine, truth, c, data);
                    }
                }
                List<LeadBin> bins = bins(leads);
                Path dir = run.subdir(RunFiles.METRICS);
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("split", split);
                summary.put("trajectories", count);
                summary.put("members", members);
                summary.put("leads", leads);
                summary.put("bins", bins.stream().map(LeadBin::label).toList());
                write(dir, EMULATOR, emulator, bins, summary);
                write(dir, PERSISTENCE, persistence, bins, summary);
                if (latent) {
                    write(dir, AUTOENCODER, autoencoder, bins, summary);
                }
                Json.write(dir.resolve("spectra.json"), spectra.toJson(channels));
                summary.put("seconds", (System.nanoTime() - start) / 1e9);
                run.markDone(RunFiles.EVALUATE, summary);
                LOG.info("{}: VRMSE per lead-time bin {} = {}; persistence {}", er.label(), summary.get("bins"),
                        headline(emulator, bins, "vrmse"), headline(persistence, bins, "vrmse"));
            }
        }
    }

    /** The lead-time bins of a rollout: the study's three when there are at least 3 leads, else one. */
    public static List<LeadBin> bins(int leads) {
        return leads >= 3 ? LeadBin.study(leads) : List.of(new LeadBin(1, leads));
    }

    /** Leads whose spectra are kept: the first, the middle and the last. */
    static int[] spectrumLeads(int leads) {
        return leads >= 3 ? new int[] {1, (leads + 1) / 2, leads} : java.util.stream.IntStream.rangeClosed(1, leads).toArray();
    }

    private static void write(Path dir, String name, MetricTable table, List<LeadBin> bins, Map<String, Object> summary)
            throws IOException {
        table.writeJson(dir.resolve(name + ".json"), bins);
        table.writeCsvByLead(dir.resolve(name + ".csv"));
        table.writeCsvByBin(dir.resolve(name + "-bins.csv"), bins);
        Map<String, Object> head = new LinkedHashMap<>();
        for (String metric : List.of("vrmse", "spread_skill_ratio", "power_spectrum_error_low",
                "power_spectrum_error_mid", "power_spectrum_error_high")) {
            head.put(metric, headline(table, bins, metric));
        }
        summary.put(name, head);
    }

    /** A metric averaged over channels, per bin. */
    static double[] headline(MetricTable table, List<LeadBin> bins, String metric) {
        return bins.stream().mapToDouble(b -> table.binnedOverChannels(metric, b)).toArray();
    }

    /**
     * Decoded first trajectory for figures: truth {@code [T, C, H, W]} and up to {@value #SNAPSHOT_MEMBERS}
     * members {@code [K', T, C, H, W]}, physical values, leads 1..T.
     */
    private static void writeSnapshots(RunDirectory run, Rollout rollout, INDArray latents, INDArray truth, int c,
                                       PipelineData data) throws IOException {
        int keep = (int) Math.min(SNAPSHOT_MEMBERS, latents.size(1));
        int leads = (int) latents.size(2);
        INDArray first = latents.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(0, keep)).dup();
        long[] state = data.stateShape();
        INDArray members = Nd4j.create(DataType.FLOAT, keep, leads, state[0], state[1], state[2]);
        INDArray truthOut = Nd4j.create(DataType.FLOAT, leads + c, state[0], state[1], state[2]);
        for (int t = 1; t <= leads; t++) {
            INDArray decoded = rollout.decodeLead(first, t);          // [1, K', C, H, W]
            INDArray phys = data.denormalize(decoded.reshape(keep, state[0], state[1], state[2])).castTo(DataType.FLOAT);
            members.get(NDArrayIndex.all(), NDArrayIndex.point(t - 1)).assign(phys);
        }
        INDArray truthFirst = truth.get(NDArrayIndex.point(0)).dup();   // [c + T, C, H, W]
        truthOut.assign(data.denormalize(truthFirst).castTo(DataType.FLOAT));
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("truth", truthOut);
        arrays.put("members", members);
        ArrayFile.write(run.file(RunFiles.SNAPSHOTS_FILE), arrays);
    }

    /** Mean isotropic power spectra of truth and emulation at a few leads, per channel. */
    private static final class Spectra {
        private final PowerSpectrumError power;
        private final int[] leads;
        private final double[][][] truth;      // [lead][channel][k]
        private final double[][][] predicted;
        private long truthCount;
        private long predictedCount;

        Spectra(PowerSpectrumError power, int channels, int[] leads) {
            this.power = power;
            this.leads = leads;
            int k = power.binWavenumbers().length;
            this.truth = new double[leads.length][channels][k];
            this.predicted = new double[leads.length][channels][k];
        }

        void add(Rollout rollout, INDArray latents, INDArray truthStates, int c, PipelineData data) {
            long b = latents.size(0);
            long k = latents.size(1);
            for (int i = 0; i < leads.length; i++) {
                INDArray decoded = rollout.decodeLead(latents, leads[i]);              // [B, K, C, H, W]
                long[] s = decoded.shape();
                INDArray pred = data.denormalize(decoded.reshape(b * k, s[2], s[3], s[4])).castTo(DataType.DOUBLE);
                INDArray u = data.denormalize(frame(truthStates, c + leads[i] - 1)).castTo(DataType.DOUBLE);
                for (int ch = 0; ch < truth[i].length; ch++) {
                    for (long r = 0; r < b * k; r++) {
                        accumulate(predicted[i][ch], power.spectrum(field(pred, r, ch)));
                    }
                    for (long r = 0; r < b; r++) {
                        accumulate(truth[i][ch], power.spectrum(field(u, r, ch)));
                    }
                }
            }
            truthCount += b;
            predictedCount += b * k;
        }

        Map<String, Object> toJson(List<String> channels) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("wavenumbers", power.binWavenumbers());
            out.put("leads", leads);
            Map<String, Object> byChannel = new LinkedHashMap<>();
            for (int ch = 0; ch < channels.size(); ch++) {
                double[][] t = new double[leads.length][];
                double[][] p = new double[leads.length][];
                for (int i = 0; i < leads.length; i++) {
                    t[i] = scaled(truth[i][ch], 1.0 / truthCount);
                    p[i] = scaled(predicted[i][ch], 1.0 / predictedCount);
                }
                byChannel.put(channels.get(ch), Map.of("truth", t, "emulation", p));
            }
            out.put("channels", byChannel);
            return out;
        }

        private static void accumulate(double[] sum, double[] s) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += s[j];
            }
        }

        private static double[] scaled(double[] v, double f) {
            double[] out = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                out[j] = v[j] * f;
            }
            return out;
        }

        private static INDArray frame(INDArray x, int index) {
            INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
            java.util.Arrays.fill(idx, NDArrayIndex.all());
            idx[1] = NDArrayIndex.point(index);
            return x.get(idx).dup();
        }

        private static double[] field(INDArray x, long row, int ch) {
            return x.get(NDArrayIndex.point(row), NDArrayIndex.point(ch)).dup('c').data().asDouble();
        }
    }
}
