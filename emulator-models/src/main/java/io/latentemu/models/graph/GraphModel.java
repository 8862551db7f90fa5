package io.latentemu.models.graph;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every trained network of this module has: its {@link ModelGraph} and its {@link ModelCard}, the named
 * parameters an optimiser updates in place with their weight-decay flags, and saving to one model file.
 */
public abstract class GraphModel {

    private final ModelGraph graph;
    private final ModelCard card;

    protected GraphModel(ModelGraph graph, ModelCard card) {
        this.graph = graph;
        this.card = card;
    }

    /** Reads a model file of the expected kind: its graph wrapped with the card's weight-decay flags. */
    protected static Loaded read(Path path, String kind) throws IOException {
        ModelArchive.Contents contents = ModelArchive.read(path).expectKind(path, kind);
        return new Loaded(ModelGraph.loaded(contents.graph(), contents.card()), contents.card());
    }

    /** The graph and the card of a model file. */
    protected record Loaded(ModelGraph graph, ModelCard card) {
    }

    /** The graph (to inspect, profile or extend it). */
    public ModelGraph graph() {
        return graph;
    }

    /** The card this model carries (as built or as loaded). */
    public ModelCard card() {
        return card;
    }

    /** The spec of the card as a record of the given type. */
    protected <T> T spec(Class<T> type) {
        return ModelArchive.json().convertValue(card.spec(), type);
    }

    /** The trainable parameters by name; the arrays the graph computes with. */
    public Map<String, INDArray> parameters() {
        return graph.parameters();
    }

    /** Whether decoupled weight decay applies to a parameter (weights yes; biases, codes no). */
    public boolean decays(String name) {
        return graph.decays(name);
    }

    /** Writes the model file: graph, parameters, card (spec plus the user's extras). */
    public void save(Path path, ModelCard.Extras extras) throws IOException {
        ModelArchive.write(path, card.with(extras), graph.sameDiff());
    }
}
