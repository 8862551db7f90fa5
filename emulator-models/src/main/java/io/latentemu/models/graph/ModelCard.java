package io.latentemu.models.graph;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a saved model file says about its model besides the graph: which kind of model it is, the
 * configuration it was built from, which parameters take weight decay, and what a user needs to feed it
 * (normalisation, the shapes of a state and of its latent).
 *
 * @param kind              {@code autoencoder}, {@code diffusion} or {@code solver}
 * @param formatVersion     version of this layout ({@value #FORMAT_VERSION})
 * @param dataType          floating-point type of the graph ({@code FLOAT}, {@code DOUBLE})
 * @param spec              the model's own description (its configuration record as JSON)
 * @param decayedParameters names of the parameters that take weight decay
 * @param normalization     normalisation of the states, or null
 * @param stateShape        shape {@code [C, H, W]} of one state the model was trained on, or null
 * @param latentShape       shape {@code [c, h, w]} of one latent state, or null
 * @param properties        free-form notes (dataset, training steps, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(@JsonProperty("kind") String kind,
                        @JsonProperty("formatVersion") int formatVersion,
                        @JsonProperty("dataType") String dataType,
                        @JsonProperty("spec") JsonNode spec,
                        @JsonProperty("decayedParameters") List<String> decayedParameters,
                        @JsonProperty("normalization") Normalization normalization,
                        @JsonProperty("stateShape") long[] stateShape,
                        @JsonProperty("latentShape") long[] latentShape,
                        @JsonProperty("properties") Map<String, String> properties) {

    /** The version written by this code. */
    public static final int FORMAT_VERSION = 1;

    /** Validates the required fields. */
    @JsonCreator
    public ModelCard {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("a model card needs a kind");
        }
        decayedParameters = decayedParameters == null ? List.of() : List.copyOf(decayedParameters);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        stateShape = stateShape == null ? null : stateShape.clone();
        latentShape = latentShape == null ? null : latentShape.clone();
    }

    /** This card with the user-facing extras replaced. */
    public ModelCard with(Extras extras) {
        return new ModelCard(kind, formatVersion, dataType, spec, decayedParameters, extras.normalization(),
                extras.stateShape() != null ? extras.stateShape() : stateShape,
                extras.latentShape() != null ? extras.latentShape() : latentShape, extras.properties());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelCard c && kind.equals(c.kind) && formatVersion == c.formatVersion
                && java.util.Objects.equals(dataType, c.dataType) && java.util.Objects.equals(spec, c.spec)
                && decayedParameters.equals(c.decayedParameters)
                && java.util.Objects.equals(normalization, c.normalization)
                && Arrays.equals(stateShape, c.stateShape) && Arrays.equals(latentShape, c.latentShape)
                && properties.equals(c.properties);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, formatVersion, dataType, spec, decayedParameters, normalization,
                Arrays.hashCode(stateShape), Arrays.hashCode(latentShape), properties);
    }

    /**
     * What the user adds when saving a model.
     *
     * @param normalization normalisation of the states, or null
     * @param stateShape    {@code [C, H, W]} of one state, or null (an autoencoder then also records its latent shape)
     * @param latentShape   {@code [c, h, w]}, or null to keep or derive it
     * @param properties    free-form notes
     */
    public record Extras(Normalization normalization, long[] stateShape, long[] latentShape,
                         Map<String, String> properties) {

        /** Nothing added. */
        public static Extras none() {
            return new Extras(null, null, null, Map.of());
        }

        /** Normalisation and the shape of a state. */
        public static Extras of(Normalization normalization, long... stateShape) {
            return new Extras(normalization, stateShape.length == 0 ? null : stateShape, null, Map.of());
        }
    }
}
