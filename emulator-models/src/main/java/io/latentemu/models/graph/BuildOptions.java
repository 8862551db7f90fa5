package io.latentemu.models.graph;

import io.latentemu.models.nn.GraphContext;
import io.latentemu.models.nn.GraphOptions;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How a model's graph is built: floating-point type, the seed of the parameter initialisation, and the
 * implementation choices of {@link GraphOptions}.
 *
 * @param dataType FLOAT for training and inference, DOUBLE for gradient checks
 * @param seed     seed of every initial parameter value
 * @param graph    implementation choices
 */
public record BuildOptions(DataType dataType, long seed, GraphOptions graph) {

    /** Validates the type. */
    public BuildOptions {
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(graph, "graph");
        if (!dataType.isFPType()) {
            throw new IllegalArgumentException("models are built in a floating-point type, not " + dataType);
        }
    }

    /** Single precision, the given seed, default implementation choices. */
    public static BuildOptions seed(long seed) {
        return new BuildOptions(DataType.FLOAT, seed, GraphOptions.defaults());
    }

    /** These options in another floating-point type. */
    public BuildOptions withDataType(DataType type) {
        return new BuildOptions(type, seed, graph);
    }

    /** These options with other implementation choices. */
    public BuildOptions withGraph(GraphOptions options) {
        return new BuildOptions(dataType, seed, options);
    }

    /** A fresh graph and its root context. */
    public GraphContext newContext() {
        return GraphContext.create(SameDiff.create(), dataType, seed, graph);
    }
}
