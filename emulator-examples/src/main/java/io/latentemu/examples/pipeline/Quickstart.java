package io.latentemu.examples.pipeline;

import io.latentemu.examples.report.ModelResult;
import io.latentemu.examples.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./emulator quickstart}: generates the Euler dataset, trains the autoencoder and the latent diffusion
 * and deterministic emulators, rolls out the test trajectories (ensembles for diffusion), evaluates them
 * against persistence and writes the report; then prints the table and checks the quickstart's targets.
 * Everything lands in one directory: {@code data/}, {@code autoencoder/}, {@code diffusion/},
 * {@code deterministic/} (each a run directory) and {@code report.html}, {@code report.md}, {@code figures/}.
 * With two jobs the steps run in child processes ({@link ChildJobs}): the autoencoder with all cores, then the two
 * emulators side by side; their configurations are left as {@code autoencoder.yaml}, {@code diffusion.yaml} and
 * {@code deterministic.yaml}.
 * Running it again keeps what is finished; {@code resume} continues an interrupted step.
 */
public final class Quickstart {

    private static final Logger LOG = LoggerFactory.getLogger(Quickstart.class);

    /** The quickstart's targets. */
    public static final double MAX_MINUTES = 15;
    public static final double MAX_MEMORY_GB = 6;
    public static final double MAX_RECONSTRUCTION_VRMSE = 0.1;
    public static final double MIN_SPREAD_SKILL = 0.5;
    public static final double MAX_SPREAD_SKILL = 2.0;
    /** Lead times over which both emulators must beat persistence. */
    public static final int EARLY_LEADS = 20;

    private Quickstart() {
    }

    /**
     * Runs every step into {@code out} and prints the outcome to {@code terminal}.
     *
     * @param jobs        1: every step in this process, one after the other; 2: the autoencoder in a child process
     *                    with all {@code cores}, then the two emulators side by side in two child processes
     *                    with half of them each ({@link ChildJobs})
     * @param cores       threads to use in all
     * @return the checks of the targets
     */
    public static List<Target> run(Path out, QuickstartConfig config, boolean resume, int jobs, int cores,
                                   PrintWriter terminal) throws IOException {
        if (jobs != 1 && jobs != 2) {
            throw new IllegalArgumentException("jobs must be 1 or 2 (the quickstart has two emulators), got " + jobs);
        }
        long start = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Path data = out.resolve("data");
        long t = System.nanoTime();
        config.dataset().generate(data);
        seconds.put("dataset", since(t));

        String dataset = data.toAbsolutePath().normalize().toString();
        Path aeDir = out.resolve("autoencoder");
        AutoencoderRunConfig aeConfig = config.autoencoder().withDataset(dataset);
        List<EmulatorRunConfig> emulators = new ArrayList<>();
        for (EmulatorRunConfig ec : List.of(config.diffusion(), config.deterministic())) {
            emulators.add(ec.withInputs(dataset, aeDir.toAbsolutePath().normalize().toString()));
        }
        List<Path> runs = emulators.stream().map(ec -> out.resolve(ec.kind().label())).toList();
        long childrenPeak = 0;
        t = System.nanoTime();
        if (jobs == 2) {
            ChildJobs.Outcome a = ChildJobs.run(List.of(ChildJobs.autoencoder(aeConfig, aeDir, resume)), cores, terminal);
            seconds.put("autoencoder", since(t));
            t = System.nanoTime();
            List<ChildJobs.Job> both = new ArrayList<>();
            for (int i = 0; i < emulators.size(); i++) {
                both.add(ChildJobs.emulator(emulators.get(i), runs.get(i), resume));
            }
            ChildJobs.Outcome e = ChildJobs.run(both, Math.max(1, cores / both.size()), terminal);
            e.seconds().forEach((name, s) -> seconds.put(name + " (training, rollout, evaluation)", s));
            seconds.put("both emulators side by side", since(t));
            childrenPeak = Math.max(a.peakBytes(), e.peakBytes());
        } else {
            AutoencoderRun.train(aeDir, aeConfig, resume).encode(resume);
            seconds.put("autoencoder", since(t));
            for (int i = 0; i < emulators.size(); i++) {
                t = System.nanoTime();
                EmulatorRunConfig ec = emulators.get(i);
                EmulatorRun er = EmulatorRun.train(runs.get(i), ec, resume);
                seconds.put(ec.kind().label() + " training", since(t));
                t = System.nanoTime();
                RolloutStage.run(er, ec.rollout(), resume);
                EvaluationStage.run(er, resume);
                seconds.put(ec.kind().label() + " rollout and evaluation", since(t));
            }
        }
        AutoencoderRun ae = AutoencoderRun.existing(aeDir);
        t = System.nanoTime();
        Report report = Report.of(runs);
        report.write(out, null);
        seconds.put("report", since(t));
        double total = since(start);

        List<Target> targets = targets(report.models(), ae, total, childrenPeak);
        terminal.println();
        terminal.print(report.table().markdown());
        terminal.println();
        terminal.println("Time per step (s): " + describe(seconds) + String.format(Locale.ROOT, "; total %.0f s", total));
        terminal.println("Targets:");
        for (Target tg : targets) {
            terminal.println("  " + tg);
        }
        terminal.printf("Report: %s%n", out.resolve("report.html").toAbsolutePath());
        terminal.flush();
        LOG.info("quickstart finished in {} s", AutoencoderRun.fmt(total));
        return targets;
    }

    /**
     * @param childrenPeak the peak of this process and its child processes together (0 without them);
     *                     the memory target takes the larger of it and this process's own peak
     */
    private static List<Target> targets(List<ModelResult> models, AutoencoderRun ae, double totalSeconds,
                                        long childrenPeak) throws IOException {
        List<Target> out = new ArrayList<>();
        out.add(new Target("end to end", totalSeconds / 60, "min", "<= " + MAX_MINUTES, totalSeconds / 60 <= MAX_MINUTES));
        ResidentMemory.peakOfThisProcess().ifPresent(own -> {
            double gb = Math.max(own, childrenPeak) / 1e9;
            String name = childrenPeak > 0 ? "peak resident memory (with the child processes)" : "peak resident memory";
            out.add(new Target(name, gb, "GB", "<= " + MAX_MEMORY_GB, gb <= MAX_MEMORY_GB));
        });
        double reconstruction = ae.directory().summary(RunFiles.RECONSTRUCTION).path("vrmse_mean").asDouble(Double.NaN);
        out.add(new Target("autoencoder reconstruction VRMSE (test, mean over channels)", reconstruction, "",
                "<= " + MAX_RECONSTRUCTION_VRMSE, reconstruction <= MAX_RECONSTRUCTION_VRMSE));
        ModelResult persistence = models.stream().filter(m -> m.role() == ModelResult.Role.PERSISTENCE).findFirst().orElseThrow();
        int leads = Math.min(EARLY_LEADS, persistence.metrics().leads());
        double baseline = early(persistence, leads);
        for (ModelResult m : models) {
            if (m.role() != ModelResult.Role.EMULATOR) {
                continue;
            }
            double v = early(m, leads);
            out.add(new Target(m.label() + " VRMSE over leads 1-" + leads, v, "",
                    String.format(Locale.ROOT, "< persistence %.4f", baseline), v < baseline));
            if (m.isEnsemble()) {
                double ss = m.metrics().overall("spread_skill_ratio");
                out.add(new Target(m.label() + " spread/skill", ss, "", "in [" + MIN_SPREAD_SKILL + ", " + MAX_SPREAD_SKILL + "]",
                        ss >= MIN_SPREAD_SKILL && ss <= MAX_SPREAD_SKILL));
            }
        }
        return out;
    }

    private static double early(ModelResult m, int leads) throws IOException {
        return io.latentemu.examples.report.MetricsFile.mean(m.metrics().byLead("vrmse"), 1, leads);
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String describe(Map<String, Double> seconds) {
        StringBuilder sb = new StringBuilder();
        seconds.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.0f", v)));
        return sb.toString();
    }

    /**
     * One target of the quickstart and whether it was met.
     *
     * @param name      what is measured
     * @param value     the measurement
     * @param unit      its unit
     * @param bound     the target, as text
     * @param met       whether the measurement meets it
     */
    public record Target(String name, double value, String unit, String bound, boolean met) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[%s] %s: %.4g%s (target %s)", met ? "met" : "MISSED", name, value,
                    unit.isEmpty() ? "" : " " + unit, bound);
        }
    }
}
