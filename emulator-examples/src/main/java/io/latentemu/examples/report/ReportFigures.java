package io.latentemu.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.latentemu.examples.pipeline.ArrayFile;
import io.latentemu.examples.pipeline.Json;
import io.latentemu.examples.pipeline.RunFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The figures of a report, drawn from the files the evaluation wrote in each run: VRMSE and spread/skill
 * versus lead time, power spectra of truth and emulations, field snapshots (truth, ensemble members,
 * deterministic predictions) at several lead times with a shared viridis scale, and an animated GIF of one
 * rollout beside the truth.
 */
public final class ReportFigures {

    /** Pixels per grid cell in snapshots and the animation. */
    private static final int SCALE = 3;
    /** Display time of a GIF frame. */
    private static final int GIF_DELAY_MS = 120;

    private final List<ModelResult> models;
    private final Path dir;
    private final String channel;
    private final Map<String, String> written = new LinkedHashMap<>();

    /**
     * @param models  rows of the report (emulators first)
     * @param dir     where the PNG and GIF files go
     * @param channel channel shown in spectra, snapshots and the animation
     */
    public ReportFigures(List<ModelResult> models, Path dir, String channel) {
        this.models = models;
        this.dir = dir;
        this.channel = channel;
    }

    /** Draws every figure; returns file name to caption, in order. */
    public Map<String, String> drawAll() throws IOException {
        Files.createDirectories(dir);
        vrmse();
        spreadSkill();
        spectra();
        snapshots();
        animation();
        return written;
    }

    private List<ModelResult> emulators() {
        return models.stream().filter(m -> m.role() == ModelResult.Role.EMULATOR).toList();
    }

    private static double[] leads(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private void vrmse() throws IOException {
        LineFigure f = new LineFigure("VRMSE versus lead time (mean over channels)", "lead time (steps)", "VRMSE").log(false, true);
        for (ModelResult m : models) {
            double[] v = m.metrics().byLead("vrmse");
            f.add(m.label(), leads(v.length), v);
        }
        save(f, "vrmse.png", "VRMSE of each model versus lead time, averaged over channels and test trajectories.");
    }

    private void spreadSkill() throws IOException {
        List<ModelResult> ensembles = emulators().stream().filter(ModelResult::isEnsemble).toList();
        if (ensembles.isEmpty()) {
            return;
        }
        LineFigure f = new LineFigure("Spread/skill versus lead time (1 = calibrated)", "lead time (steps)", "spread / skill")
                .reference(1.0);
        for (ModelResult m : ensembles) {
            double[] v = m.metrics().byLead("spread_skill_ratio");
            f.add(m.label(), leads(v.length), v);
        }
        save(f, "spread_skill.png", "Ensemble spread over the RMSE of the ensemble mean, per lead time; 1 is calibrated, "
                + "below 1 overconfident.");
    }

    private void spectra() throws IOException {
        List<ModelResult> ems = emulators();
        JsonNode first = Json.read(ems.get(0).run().resolve(RunFiles.METRICS).resolve("spectra.json"));
        double[] k = doubles(first.path("wavenumbers"));
        JsonNode leadsNode = first.path("leads");
        for (int i = 0; i < leadsNode.size(); i++) {
            int lead = leadsNode.get(i).asInt();
            LineFigure f = new LineFigure("Isotropic power spectrum of " + channel + " at lead " + lead,
                    "wavenumber (cycles per cell)", "power").log(true, true);
            f.add("truth", k, doubles(first.path("channels").path(channel).path("truth").get(i)));
            for (ModelResult m : ems) {
                JsonNode s = Json.read(m.run().resolve(RunFiles.METRICS).resolve("spectra.json"));
                JsonNode values = s.path("channels").path(channel).path("emulation");
                int at = indexOf(s.path("leads"), lead);
                if (at >= 0) {
                    f.add(m.label(), k, doubles(values.get(at)));
                }
            }
            save(f, "spectrum_lead" + lead + ".png", "Power spectrum of " + channel + " at lead time " + lead
                    + ": truth and emulations (mean over test trajectories and members).");
        }
    }

    private void snapshots() throws IOException {
        Snapshots truthSource = Snapshots.read(emulators().get(0).run(), channel);
        int leads = truthSource.leads();
        int[] shown = leads >= 4 ? new int[] {1, Math.max(2, leads / 4), Math.max(3, leads / 2), leads}
                : java.util.stream.IntStream.rangeClosed(1, leads).toArray();
        List<String> titles = new ArrayList<>();
        for (int t : shown) {
            titles.add("t+" + t);
        }
        List<float[]> truthFields = new ArrayList<>();
        for (int t : shown) {
            truthFields.add(truthSource.truth(t));
        }
        double[] range = FieldImage.range(truthFields.toArray(float[][]::new));
        PanelGrid grid = new PanelGrid(titles);
        grid.addRow("truth", render(truthFields, truthSource, range), range[0], range[1]);
        for (ModelResult m : emulators()) {
            Snapshots s = Snapshots.read(m.run(), channel);
            for (int k = 0; k < s.members(); k++) {
                List<float[]> fields = new ArrayList<>();
                for (int t : shown) {
                    fields.add(s.member(k, Math.min(t, s.leads())));
                }
                String label = m.isEnsemble() ? m.label() + " #" + (k + 1) : m.label();
                grid.addRow(shorten(label), render(fields, s, range), range[0], range[1]);
            }
        }
        write(grid.render(), "snapshots.png", "The " + channel + " field of the first test trajectory: truth, ensemble "
                + "members and deterministic predictions at several lead times (viridis, one scale for all panels).");
    }

    private void animation() throws IOException {
        List<ModelResult> ems = emulators();
        Snapshots truth = Snapshots.read(ems.get(0).run(), channel);
        List<Snapshots> runs = new ArrayList<>();
        List<String> titles = new ArrayList<>(List.of("truth"));
        for (ModelResult m : ems) {
            runs.add(Snapshots.read(m.run(), channel));
            titles.add(shorten(m.label()));
        }
        List<float[]> all = new ArrayList<>();
        for (int t = 1; t <= truth.leads(); t++) {
            all.add(truth.truth(t));
        }
        double[] range = FieldImage.range(all.toArray(float[][]::new));
        List<BufferedImage> frames = new ArrayList<>();
        for (int t = 1; t <= truth.leads(); t++) {
            List<BufferedImage> panels = new ArrayList<>();
            panels.add(FieldImage.render(truth.truth(t), truth.height(), truth.width(), range[0], range[1], SCALE,
                    ColorMap.viridis()));
            for (Snapshots s : runs) {
                panels.add(FieldImage.render(s.member(0, Math.min(t, s.leads())), s.height(), s.width(), range[0], range[1],
                        SCALE, ColorMap.viridis()));
            }
            frames.add(new PanelGrid(titles).addRow("t+" + t, panels, range[0], range[1]).render());
        }
        Path gif = dir.resolve("rollout.gif");
        GifWriter.write(frames, GIF_DELAY_MS, gif);
        written.put("rollout.gif", "One rollout of the first test trajectory (" + channel
                + ") beside the truth; first ensemble member of each emulator.");
    }

    private static List<BufferedImage> render(List<float[]> fields, Snapshots s, double[] range) {
        List<BufferedImage> out = new ArrayList<>();
        for (float[] f : fields) {
            out.add(FieldImage.render(f, s.height(), s.width(), range[0], range[1], SCALE, ColorMap.viridis()));
        }
        return out;
    }

    private static String shorten(String label) {
        return label.length() > 20 ? label.substring(0, 20) : label;
    }

    private void save(LineFigure f, String name, String caption) throws IOException {
        f.save(dir.resolve(name));
        written.put(name, caption);
    }

    private void write(BufferedImage img, String name, String caption) throws IOException {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(name + ".tmp.png");
        ImageIO.write(img, "png", tmp.toFile());
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        written.put(name, caption);
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble(Double.NaN);
        }
        return out;
    }

    private static int indexOf(JsonNode array, int value) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asInt() == value) {
                return i;
            }
        }
        return -1;
    }

    /** The decoded first test trajectory of a run, one channel. */
    private record Snapshots(INDArray truthStates, INDArray memberStates, int channelIndex) {

        static Snapshots read(Path run, String channel) throws IOException {
            Path file = run.resolve(RunFiles.SNAPSHOTS_FILE);
            Map<String, INDArray> a = ArrayFile.read(file);
            MetricsFile metrics = MetricsFile.read(run.resolve(RunFiles.METRICS).resolve("emulator.json"));
            int ch = metrics.channels().indexOf(channel);
            if (ch < 0) {
                throw new IllegalArgumentException("no channel '" + channel + "' in " + run + " (has " + metrics.channels() + ")");
            }
            return new Snapshots(ArrayFile.require(a, "truth", file), ArrayFile.require(a, "members", file), ch);
        }

        int leads() {
            return (int) memberStates.size(1);
        }

        int members() {
            return (int) memberStates.size(0);
        }

        int height() {
            return (int) memberStates.size(3);
        }

        int width() {
            return (int) memberStates.size(4);
        }

        /** The true field at a lead (the truth array starts with the context states). */
        float[] truth(int lead) {
            int context = (int) (truthStates.size(0) - memberStates.size(1));
            return field(truthStates.get(NDArrayIndex.point(context + lead - 1), NDArrayIndex.point(channelIndex)));
        }

        float[] member(int k, int lead) {
            return field(memberStates.get(NDArrayIndex.point(k), NDArrayIndex.point(lead - 1), NDArrayIndex.point(channelIndex)));
        }

        private static float[] field(INDArray a) {
            return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        }
    }
}
