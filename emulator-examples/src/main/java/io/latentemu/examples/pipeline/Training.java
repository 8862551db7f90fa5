package io.latentemu.examples.pipeline;

import io.latentemu.core.train.BatchSource;
import io.latentemu.core.train.TrainableModel;
import io.latentemu.core.train.Trainer;
import io.latentemu.core.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs core's {@link Trainer} for a network of the pipeline in a run directory (checkpoints, JSON-lines log,
 * resuming from the newest checkpoint), then puts the moving average of the weights into the network when
 * one was kept, so that what is saved is what is evaluated.
 */
public final class Training {

    private Training() {
    }

    /**
     * Trains {@code model} in place.
     *
     * @return the trainer's result and the wall time of this call
     */
    public static <B> Outcome train(TrainableModel<B> model, BatchSource<B> batches, TrainingSettings settings,
                                    Path runDirectory) throws IOException {
        long start = System.nanoTime();
        Trainer<B> trainer = new Trainer<>(settings.trainerConfig(), model, batches, runDirectory);
        TrainingResult result = trainer.run();
        trainer.emaParameters().ifPresent(ema -> {
            for (Map.Entry<String, INDArray> e : model.parameters().entrySet()) {
                e.getValue().assign(ema.get(e.getKey()));
            }
        });
        return new Outcome(result, (System.nanoTime() - start) / 1e9);
    }

    /** Number of trainable scalars. */
    public static long parameterCount(TrainableModel<?> model) {
        return model.parameters().values().stream().mapToLong(INDArray::length).sum();
    }

    /**
     * @param result  the trainer's result
     * @param seconds wall time of this call (a resumed run counts only its own part)
     */
    public record Outcome(TrainingResult result, double seconds) {
    }
}
