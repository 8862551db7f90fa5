package io.latentemu.models.autoencoder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.nn.Periodicity;
import io.latentemu.models.testing.Fixtures;
import io.latentemu.models.testing.TestAdam;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Proof of trainability: a tiny autoencoder overfits a fixture batch. */
class AutoencoderTrainingTest {

    @Test
    void tinyAutoencoderOverfitsAFixtureBatch() {
        INDArray states = Fixtures.smoothStates(8, 2, 16, 16, 7);
        AutoencoderConfig config = AutoencoderConfig.builder().inputChannels(2).widths(8, 16).blocksPerLevel(1)
                .latentChannels(4).periodic(Periodicity.both()).build();
        Autoencoder ae = Autoencoder.build(config, BuildOptions.seed(11));
        double before = Fixtures.vrmse(states, ae.reconstruct(states));
        double[] losses = new TestAdam(5e-3).run(ae, step -> states, 150);
        double after = Fixtures.vrmse(states, ae.reconstruct(states));
        System.out.printf("autoencoder overfit: VRMSE %.4f -> %.4f, loss %.5f -> %.5f%n", before, after,
                losses[0], losses[losses.length - 1]);
        assertTrue(after < 0.05, "reconstruction VRMSE after training: " + after);
    }
}
