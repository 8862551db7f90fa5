package io.latentemu.examples;

import io.latentemu.core.diffusion.DiffusionSampler;
import io.latentemu.core.rollout.DeterministicEmulator;
import io.latentemu.core.rollout.DiffusionEmulator;
import io.latentemu.core.rollout.Emulator;
import io.latentemu.core.rollout.LatentCodec;
import io.latentemu.core.rollout.Rollout;
import io.latentemu.examples.report.ColorMap;
import io.latentemu.examples.report.FieldImage;
import io.latentemu.examples.report.GifWriter;
import io.latentemu.models.autoencoder.Autoencoder;
import io.latentemu.models.emulator.DiffusionModel;
import io.latentemu.models.emulator.NeuralSolver;
import io.latentemu.models.graph.ModelArchive;
import io.latentemu.models.graph.ModelCard;
import io.latentemu.models.graph.Normalization;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Example: load a saved emulator and roll it out from an initial state of your own. The state here is a
 * four-quadrant Riemann problem written by hand (density, velocity and pressure per quadrant, turned into the
 * Euler dataset's channels energy, density, pressure, momentum_x, momentum_y); the emulator's model file says
 * what it needs (normalisation, shapes, its autoencoder). Prints the mean of each field along the rollout and
 * writes the density of the first member as an animated GIF.
 *
 * <pre>./emulator example rollout-from-state runs/quickstart/diffusion 40 rollout.gif</pre>
 */
public final class RolloutFromState {

    private RolloutFromState() {
    }

    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        run(args, out);
        out.flush();
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(String[] args, PrintWriter out) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: rollout-from-state EMULATOR_RUN_DIR [LEADS] [GIF]");
        }
        Path run = Path.of(args[0]);
        int leads = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Path gif = Path.of(args.length > 2 ? args[2] : "rollout.gif");
        Path modelFile = run.resolve("model.zip");

        // what the model file says about itself
        ModelCard card = ModelArchive.readCard(modelFile);
        Normalization normalization = card.normalization();
        long[] state = card.stateShape();                           // [C, H, W]
        int frames = 5;
        int context = 1;
        Emulator emulator = card.kind().equals(DiffusionModel.KIND)
                ? new DiffusionEmulator(DiffusionModel.load(modelFile), DiffusionSampler.study(), frames, context)
                : new DeterministicEmulator(NeuralSolver.load(modelFile), frames, context);
        String autoencoder = card.properties().get("autoencoder");
        LatentCodec codec = autoencoder == null ? LatentCodec.identity() : Autoencoder.load(Path.of(autoencoder, "model.zip"));

        // the initial state: four quadrants of (density, u, v, pressure), gamma = 1.4
        double gamma = 1.4;
        double[][] quadrants = {{1.0, 0.0, 0.0, 1.0}, {0.5, 0.5, 0.0, 0.4}, {0.3, 0.0, 0.5, 0.3}, {1.5, -0.3, -0.3, 2.0}};
        int h = (int) state[1];
        int w = (int) state[2];
        INDArray initial = Nd4j.create(DataType.FLOAT, 1, 1, state[0], h, w);   // [B=1, context=1, C, H, W]
        List<String> channels = normalization.channels();
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double[] q = quadrants[(i < h * 0.4 ? 0 : 2) + (j < w * 0.6 ? 0 : 1)];
                double rho = q[0];
                double u = q[1];
                double v = q[2];
                double p = q[3];
                for (int c = 0; c < channels.size(); c++) {
                    double value = switch (channels.get(c)) {
                        case "density" -> rho;
                        case "pressure" -> p;
                        case "energy" -> p / (gamma - 1) + 0.5 * rho * (u * u + v * v);
                        case "momentum_x" -> rho * u;
                        case "momentum_y" -> rho * v;
                        default -> throw new IllegalArgumentException("this example writes Euler states; the model expects "
                                + channels);
                    };
                    initial.putScalar(new long[] {0, 0, c, i, j}, value);
                }
            }
        }
        INDArray normalised = normalization.normalize(initial.reshape(1, state[0], h, w)).reshape(1, 1, state[0], h, w);
        INDArray parameters = card.spec().path("parameterCount").asInt() > 0
                ? Nd4j.createFromArray(new float[][] {{(float) gamma}}) : null;

        int members = emulator instanceof DiffusionEmulator ? 3 : 1;
        long start = System.nanoTime();
        INDArray emulated = new Rollout(emulator, codec).emulate(normalised, parameters, leads, members, 42); // [1, K, T, C, H, W]
        out.printf(Locale.ROOT, "%s emulator: %d states x %d members in %.1f s%n", card.kind(), leads, members,
                (System.nanoTime() - start) / 1e9);

        int density = channels.indexOf("density");
        List<BufferedImage> images = new ArrayList<>();
        for (int t = 0; t < leads; t++) {
            INDArray physical = normalization.denormalize(emulated.get(NDArrayIndex.point(0), NDArrayIndex.all(),
                    NDArrayIndex.point(t)).dup());                                  // [K, C, H, W]
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "lead %3d:", t + 1));
            for (int c = 0; c < channels.size(); c++) {
                line.append(String.format(Locale.ROOT, " %s %.4f", channels.get(c),
                        physical.get(NDArrayIndex.all(), NDArrayIndex.point(c)).meanNumber().doubleValue()));
            }
            if (t % 10 == 0 || t == leads - 1) {
                out.println(line);
            }
            float[] field = physical.get(NDArrayIndex.point(0), NDArrayIndex.point(density)).dup().data().asFloat();
            images.add(FieldImage.render(field, h, w, 0, 2, 4, ColorMap.viridis()));
        }
        GifWriter.write(images, 100, gif);
        out.println("density of member 1: " + gif.toAbsolutePath());
    }
}
