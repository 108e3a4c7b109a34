package io.hexgate.network.network;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.hexgate.network.parameter.DeviceParameter;
import io.hexgate.network.serial.SerialNumberFormat;

/**
 * A network as received by create and edit. Every field is optional on edit: what is absent (null) is kept;
 * an empty string clears a text or URL.
 */
public record NetworkInput(String name, String description, String documentationUrl, String iconUrl,
                           String logoUrl, String bannerUrl, SerialNumberFormat.Input serialNumber,
                           List<DeviceParameter.Input> deviceParameters, String payloadDecoder,
                           @JsonProperty("public") Boolean isPublic) {
}
