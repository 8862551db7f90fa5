package io.latentemu.models.autoencoder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a saved autoencoder records about its architecture.
 *
 * @param config         the configuration it was built from, or null for custom encoder/decoder networks
 * @param inputChannels  channels C of a state
 * @param latentChannels channels c of a latent
 * @param description    a human-readable name of the networks (class names for custom ones)
 * @param loss           the reconstruction error it is trained on (null in files written before the choice
 *                       existed: {@link ReconstructionLoss#MSE})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoencoderSpec(@JsonProperty("config") AutoencoderConfig config,
                              @JsonProperty("inputChannels") int inputChannels,
                              @JsonProperty("latentChannels") int latentChannels,
                              @JsonProperty("description") String description,
                              @JsonProperty("loss") ReconstructionLoss loss) {

    /** Jackson's constructor. */
    @JsonCreator
    public AutoencoderSpec {
        loss = loss == null ? ReconstructionLoss.MSE : loss;
    }
}
