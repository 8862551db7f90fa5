package io.latentemu.models.autoencoder;

import io.latentemu.core.rollout.LatentCodec;
import io.latentemu.core.train.LossAndGradients;
import io.latentemu.core.train.TrainableModel;
import io.latentemu.models.graph.BuildOptions;
import io.latentemu.models.graph.GraphModel;
import io.latentemu.models.graph.ModelCard;
import io.latentemu.models.graph.ModelGraph;
import io.latentemu.models.nn.GraphContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An autoencoder as one SameDiff graph built once: encode a batch of states, decode a batch of latents, and
 * train on single states with a reconstruction error ({@link ReconstructionLoss}).
 *
 * <p>The graph holds three paths sharing one set of parameters: {@value #STATES} to {@value #LATENTS}
 * (encoding), {@value #LATENTS_IN} to {@value #DECODED} (decoding), and {@value #STATES} through encoder and
 * decoder to {@value #RECONSTRUCTION} and {@value #LOSS} (training, a {@link ReconstructionLoss}). Placeholders
 * have a free batch size and, for a fully convolutional network, free spatial sizes too.
 *
 * <p>It is the {@link LatentCodec} of latent emulation and a {@link TrainableModel} of batches of states
 * {@code [N, C, H, W]}. Not thread-safe.
 */
public final class Autoencoder extends GraphModel implements LatentCodec, TrainableModel<INDArray> {

    /** Kind written in the model card. */
    public static final String KIND = "autoencoder";
    /** Placeholder of the states to encode or reconstruct, {@code [N, C, H, W]}. */
    public static final String STATES = "states";
    /** Output of the encoder, {@code [N, c, h, w]}. */
    public static final String LATENTS = "latents";
    /** Placeholder of the latents to decode. */
    public static final String LATENTS_IN = "latents_in";
    /** Output of the decoder on {@value #LATENTS_IN}. */
    public static final String DECODED = "decoded";
    /** Decoder output on the encoder's output (training path). */
    public static final String RECONSTRUCTION = "reconstruction";
    /** Reconstruction error of the batch (the spec's {@link ReconstructionLoss}). */
    public static final String LOSS = "loss";

    private final ModelGraph graph;
    private final AutoencoderSpec spec;

    private Autoencoder(ModelGraph graph, ModelCard card) {
        super(graph, card);
        this.graph = graph;
        this.spec = spec(AutoencoderSpec.class);
    }

    /** Builds the DC-AE style autoencoder of a configuration, trained on the mean squared error. */
    public static Autoencoder build(AutoencoderConfig config, BuildOptions options) {
        return build(config, ReconstructionLoss.MSE, options);
    }

    /** Builds the DC-AE style autoencoder of a configuration, trained on {@code loss}. */
    public static Autoencoder build(AutoencoderConfig config, ReconstructionLoss loss, BuildOptions options) {
        return build(new AutoencoderSpec(config, config.inputChannels(), config.latentChannels(), "dc-ae", loss),
                new DcaeEncoder(config), new DcaeDecoder(config), options);
    }

    /**
     * Builds an autoencoder from custom networks.
     *
     * @param inputChannels  channels C of a state
     * @param latentChannels channels c the encoder produces
     */
    public static Autoencoder build(int inputChannels, int latentChannels, Encoder encoder, Decoder decoder,
                                    BuildOptions options) {
        return build(inputChannels, latentChannels, encoder, decoder, ReconstructionLoss.MSE, options);
    }

    /** Builds an autoencoder from custom networks, trained on {@code loss}. */
    public static Autoencoder build(int inputChannels, int latentChannels, Encoder encoder, Decoder decoder,
                                    ReconstructionLoss loss, BuildOptions options) {
        String description = "custom: " + encoder.getClass().getName() + " / " + decoder.getClass().getName();
        return build(new AutoencoderSpec(null, inputChannels, latentChannels, description, loss), encoder, decoder,
                options);
    }

    private static Autoencoder build(AutoencoderSpec spec, Encoder encoder, Decoder decoder, BuildOptions options) {
        GraphContext ctx = options.newContext();
        SameDiff sd = ctx.sd();
        DataType type = options.dataType();
        SDVariable states = sd.placeHolder(STATES, type, -1, spec.inputChannels(), -1, -1);
        SDVariable latents = encoder.encode(ctx.scope("encoder"), states);
        rename(latents, LATENTS);
        SDVariable latentsIn = sd.placeHolder(LATENTS_IN, type, -1, spec.latentChannels(), -1, -1);
        rename(decoder.decode(ctx.scope("decoder"), latentsIn), DECODED);
        SDVariable reconstruction = decoder.decode(ctx.sharingParameters().scope("decoder"), latents);
        rename(reconstruction, RECONSTRUCTION);
        rename(spec.loss().of(reconstruction, states), LOSS);
        sd.setLossVariables(LOSS);
        ModelGraph graph = new ModelGraph(sd, type, ctx.parameters());
        return new Autoencoder(graph, graph.card(KIND, spec));
    }

    private static void rename(SDVariable v, String name) {
        v.rename(name);
    }

    /** Loads a model file written by {@link #save}. */
    public static Autoencoder load(Path path) throws IOException {
        Loaded loaded = read(path, KIND);
        return new Autoencoder(loaded.graph(), loaded.card());
    }

    /**
     * Writes the model file: graph, parameters, configuration and the extras (normalisation, the shape of a
     * state, from which the latent shape is derived and recorded).
     */
    @Override
    public void save(Path path, ModelCard.Extras extras) throws IOException {
        if (extras.stateShape() != null && extras.latentShape() == null) {
            extras = new ModelCard.Extras(extras.normalization(), extras.stateShape(), latentShape(extras.stateShape()),
                    extras.properties());
        }
        super.save(path, extras);
    }

    /** Architecture description. */
    public AutoencoderSpec spec() {
        return spec;
    }

    /** The configuration it was built from, or null for custom networks. */
    public AutoencoderConfig config() {
        return spec.config();
    }

    @Override
    public INDArray encode(INDArray states) {
        checkStates(states, spec.inputChannels(), "states");
        return graph.inferSingle(Map.of(STATES, graph.input(states)), LATENTS);
    }

    @Override
    public INDArray decode(INDArray latents) {
        checkStates(latents, spec.latentChannels(), "latents");
        return graph.inferSingle(Map.of(LATENTS_IN, graph.input(latents)), DECODED);
    }

    /** Encodes and decodes in one pass (inference mode). */
    public INDArray reconstruct(INDArray states) {
        checkStates(states, spec.inputChannels(), "states");
        return graph.inferSingle(Map.of(STATES, graph.input(states)), RECONSTRUCTION);
    }

    /** Shape {@code [c, h, w]} of the latent of one state of shape {@code [C, H, W]} (found by encoding zeros). */
    public long[] latentShape(long... stateShape) {
        if (stateShape.length != 3 || stateShape[0] != spec.inputChannels()) {
            throw new IllegalArgumentException("a state is [" + spec.inputChannels() + ", H, W], got "
                    + Arrays.toString(stateShape));
        }
        INDArray z = encode(Nd4j.zeros(graph.dataType(), 1, stateShape[0], stateShape[1], stateShape[2]));
        return Arrays.copyOfRange(z.shape(), 1, 4);
    }

    /** {@code (C*H*W) / (c*h*w)} for states of the given shape. */
    public double compressionRate(long... stateShape) {
        long[] latent = latentShape(stateShape);
        return (double) (stateShape[0] * stateShape[1] * stateShape[2]) / (latent[0] * latent[1] * latent[2]);
    }

    /** Mean squared reconstruction error of a batch of states and its gradients (dropout on). */
    @Override
    public LossAndGradients lossAndGradients(INDArray states, long seed) {
        checkStates(states, spec.inputChannels(), "states");
        return graph.lossAndGradients(Map.of(STATES, graph.input(states)), LOSS, seed);
    }

    private static void checkStates(INDArray a, long channels, String what) {
        Objects.requireNonNull(a, what);
        if (a.rank() != 4 || a.size(1) != channels) {
            throw new IllegalArgumentException(what + " must be [N, " + channels + ", H, W], got " + Arrays.toString(a.shape()));
        }
    }
}
