package io.latentemu.examples.pipeline;

import io.latentemu.core.Seeds;
import io.latentemu.core.rollout.Rollout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./emulator rollout}: emulates the test trajectories from their first states (ensembles for a
 * diffusion emulator), saves the emulated latent states ({@value RunFiles#ROLLOUT_FILE}) and measures the cost
 * of an emulated frame: the emulator's own time plus decoding, per state of one member.
 */
public final class RolloutStage {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutStage.class);
    /** Leads decoded to time the decoder. */
    private static final int TIMED_DECODES = 4;

    private RolloutStage() {
    }

    /**
     * Runs the stage (skipped when done; refused when the settings differ from those of a finished rollout).
     *
     * @param settings the emulator configuration's rollout settings with the command line's overrides
     */
    public static void run(EmulatorRun er, RolloutSettings settings, boolean resume) throws IOException {
        RunDirectory run = er.directory();
        try (RunLog ignored = RunLog.attach(run)) {
            if (run.state(RunFiles.TRAIN) != RunDirectory.StageState.DONE) {
                throw new IllegalStateException("emulator run " + run.path() + " is not trained: run ./emulator train-emulator first");
            }
            run.writeConfig(RunFiles.ROLLOUT_CONFIG, settings);
            if (!run.shouldRun(RunFiles.ROLLOUT, resume)) {
                LOG.info("rollout of {} already done: kept", run.path());
                return;
            }
            run.markStarted(RunFiles.ROLLOUT, "rollout");
            EmulatorRunConfig config = er.config();
            int members = config.kind() == EmulatorKind.DETERMINISTIC ? 1 : settings.ensemble();
            EmulatorRun.Loaded loaded = er.load(settings);
            Rollout rollout = new Rollout(loaded.emulator(), loaded.codec());
            EmulatorRun.Inputs in = er.inputs();
            try (PipelineData data = in.data()) {
                String split = testSplit(data);
                int count = settings.trajectories() == 0 ? data.trajectoryCount(split)
                        : Math.min(settings.trajectories(), data.trajectoryCount(split));
                int perCall = Math.max(1, settings.batchRows() / members);
                List<INDArray> parts = new ArrayList<>();
                int leads = -1;
                double emulateSeconds = 0;
                double decodeSeconds = 0;
                long decodedFrames = 0;
                for (int from = 0; from < count; from += perCall) {
                    PipelineData.Trajectories t = data.trajectories(split, from, Math.min(perCall, count - from));
                    int available = t.steps() - config.context();
                    leads = settings.leads() == 0 ? available : Math.min(settings.leads(), available);
                    if (leads < 1) {
                        throw new IllegalArgumentException("test trajectories of " + t.steps() + " states leave nothing to emulate after "
                                + config.context() + " context states");
                    }
                    INDArray initial = frames(t.states(), 0, config.context());
                    long start = System.nanoTime();
                    INDArray latents = rollout.emulateLatent(initial, t.parameters(), leads, members,
                            Seeds.mix(settings.seed(), from));
                    emulateSeconds += (System.nanoTime() - start) / 1e9;
                    parts.add(latents);
                    start = System.nanoTime();
                    int timed = Math.min(TIMED_DECODES, leads);
                    for (int lead = 1; lead <= timed; lead++) {
                        rollout.decodeLead(latents, lead);
                    }
                    decodeSeconds += (System.nanoTime() - start) / 1e9;
                    decodedFrames += (long) timed * t.count() * members;
                    LOG.info("emulated {} of {} test trajectories ({} members, {} leads)", from + t.count(), count, members, leads);
                }
                INDArray all = parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
                Map<String, INDArray> arrays = new LinkedHashMap<>();
                arrays.put("latents", all);
                ArrayFile.write(run.file(RunFiles.ROLLOUT_FILE), arrays);
                long frames = (long) count * members * leads;
                double emulatePerFrame = emulateSeconds / frames;
                double decodePerFrame = config.space() == EmulationSpace.LATENT ? decodeSeconds / decodedFrames : 0.0;
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("split", split);
                summary.put("trajectories", count);
                summary.put("members", members);
                summary.put("leads", leads);
                if (config.kind() == EmulatorKind.DIFFUSION) {
                    summary.put("sampler", settings.sampler());
                    summary.put("sampler_steps", settings.samplerSteps());
                }
                summary.put("emulate_seconds", emulateSeconds);
                summary.put("emulate_seconds_per_frame", emulatePerFrame);
                summary.put("decode_seconds_per_frame", decodePerFrame);
                summary.put("cost_seconds_per_frame", emulatePerFrame + decodePerFrame);
                run.markDone(RunFiles.ROLLOUT, summary);
                LOG.info("{}: {} frames emulated in {} s: {} ms per frame (emulation {} ms + decoding {} ms)", er.label(), frames,
                        AutoencoderRun.fmt(emulateSeconds), AutoencoderRun.fmt(1e3 * (emulatePerFrame + decodePerFrame)),
                        AutoencoderRun.fmt(1e3 * emulatePerFrame), AutoencoderRun.fmt(1e3 * decodePerFrame));
            }
        }
    }

    /** The split emulated and evaluated: test, else valid. */
    static String testSplit(PipelineData data) {
        return data.dataset().hasSplit("test") ? "test" : "valid";
    }

    /** Frames {@code [from, to)} of {@code [N, T, ...]}, copied. */
    static INDArray frames(INDArray x, long from, long to) {
        INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
        java.util.Arrays.fill(idx, NDArrayIndex.all());
        idx[1] = NDArrayIndex.interval(from, to);
        return x.get(idx).dup();
    }

    /** Where the rollout of a run is. */
    static Path file(RunDirectory run) {
        return run.file(RunFiles.ROLLOUT_FILE);
    }
}
