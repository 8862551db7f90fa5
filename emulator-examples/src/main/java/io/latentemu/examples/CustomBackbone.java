package io.latentemu.examples;

import io.latentemu.core.rollout.DeterministicEmulator;
import io.latentemu.core.rollout.LatentCodec;
import io.latentemu.core.rollout.Rollout;
import io.latentemu.core.train.Trainer;
import io.latentemu.core.train.TrainerConfig;
import io.latentemu.core.train.TrainingResult;
import io.latentemu.data.norm.NormalizationMode;
import io.latentemu.examples.pipeline.PipelineData;
import io.latentemu.examples.pipeline.WindowSource;
import io.latentemu.models.backbone.Backbone;
import io.latentemu.models.backbone.BackboneInput;
import io.latentemu.models.backbone.WindowShape;
import io.latentemu.models.emulator.NeuralSolver;
import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.nn.Conv2d;
import io.latentemu.models.nn.GraphContext;
import io.latentemu.models.nn.Periodicity;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Example: plug a network of your own into the library. {@link ConvStack} implements models' {@link Backbone}
 * (it adds nodes to a SameDiff graph): the frames of the window and their mask channels are stacked as image
 * channels and pass through a few periodic 3x3 convolutions with SiLU. A {@link NeuralSolver} built on it is
 * trained in pixel space with core's {@link Trainer} on a dataset's windows, then rolled out on a test
 * trajectory and compared with persistence.
 *
 * <pre>./emulator example custom-backbone runs/quickstart/data 200</pre>
 */
public final class CustomBackbone {

    private CustomBackbone() {
    }

    /**
     * The backbone: {@code [B, L, C, H, W]} and its mask become {@code [B, L (C+1), H, W]} image channels, then
     * {@code depth} periodic 3x3 convolutions of {@code width} channels with SiLU, and a last convolution back to
     * {@code L C} channels. It ignores the noise level and the simulation parameters, so it suits a neural solver.
     */
    public record ConvStack(int width, int depth) implements Backbone {

        @Override
        public SDVariable apply(GraphContext ctx, BackboneInput input) {
            WindowShape s = input.shape();
            long in = (long) s.frames() * (s.channels() + 1);
            long out = (long) s.frames() * s.channels();
            SDVariable x = ctx.sd().concat(2, input.window(), input.mask()).reshape(-1, in, s.height(), s.width());
            long channels = in;
            for (int i = 0; i < depth; i++) {
                x = ctx.sd().nn.swish(Conv2d.of3x3(channels, width, Periodicity.both()).apply(ctx.scope("conv" + i), x));
                channels = width;
            }
            x = Conv2d.of3x3(channels, out, Periodicity.both()).apply(ctx.scope("output"), x);
            return x.reshape(-1, s.frames(), s.channels(), s.height(), s.width());
        }
    }

    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        run(args, out);
        out.flush();
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(String[] args, PrintWriter out) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: custom-backbone DATASET_DIR [STEPS]");
        }
        Path root = Path.of(args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int frames = 3;
        int context = 1;
        try (PipelineData data = PipelineData.open(root, NormalizationMode.ZSCORE)) {
            WindowShape window = WindowShape.of(frames, data.stateShape());
            NeuralSolver solver = NeuralSolver.build(window, data.parameterCount(), new ConvStack(32, 3), BuildOptions.seed(1));
            TrainerConfig config = TrainerConfig.builder().steps(steps).learningRate(2e-3).warmupSteps(Math.min(10, steps / 2))
                    .finalLearningRate(2e-5).logEvery(Math.max(1, steps / 5)).seed(1).build();
            Path runDir = Files.createTempDirectory("custom-backbone");
            TrainingResult result = new Trainer<>(config, solver,
                    WindowSource.fromDataset(data, "train", frames, context, 8, 1), runDir).run();
            out.printf(Locale.ROOT, "trained %d steps, final loss %.4f (checkpoints in %s)%n", result.steps(),
                    result.lastLoss(), runDir);

            // roll the first test trajectory out for 10 states and compare with persistence
            PipelineData.Trajectories test = data.trajectories("test", 1);
            INDArray initial = test.states().get(NDArrayIndex.all(), NDArrayIndex.interval(0, context)).dup();
            Rollout rollout = new Rollout(new DeterministicEmulator(solver, frames, context), LatentCodec.identity());
            INDArray emulated = rollout.emulate(initial, test.parameters(), 10, 1, 0);    // [1, 1, 10, C, H, W]
            for (int lead : new int[] {1, 5, 10}) {
                INDArray truth = test.states().get(NDArrayIndex.point(0), NDArrayIndex.point(lead));
                INDArray predicted = emulated.get(NDArrayIndex.point(0), NDArrayIndex.point(0), NDArrayIndex.point(lead - 1));
                INDArray last = test.states().get(NDArrayIndex.point(0), NDArrayIndex.point(0));
                out.printf(Locale.ROOT, "lead %2d: RMSE of the normalised state %.4f (persistence %.4f)%n", lead,
                        rmse(predicted, truth), rmse(last, truth));
            }
        }
    }

    private static double rmse(INDArray a, INDArray b) {
        return Math.sqrt(Transforms.pow(a.sub(b), 2).meanNumber().doubleValue());
    }
}
