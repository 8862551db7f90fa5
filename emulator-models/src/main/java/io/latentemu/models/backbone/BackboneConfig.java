package io.latentemu.models.backbone;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The configuration of a built-in backbone, serialised with a {@code "type"} property ({@code vit},
 * {@code unet}) into model files.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = VitConfig.class, name = "vit"),
        @JsonSubTypes.Type(value = UNetConfig.class, name = "unet"),
})
public sealed interface BackboneConfig permits VitConfig, UNetConfig {

    /** The backbone this configuration describes. */
    Backbone create();
}
