package io.hexgate.network.connector;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.hexgate.network.parameter.DeviceParameter;

/** A connector as received by create and edit; on edit, absent (null) fields are kept. */
public record ConnectorInput(String name, String description, String logoUrl, List<String> networks,
                             List<DeviceParameter.Input> deviceParameters, String payloadDecoder, String installText,
                             String installEndText, String deviceAnnotation, @JsonProperty("public") Boolean isPublic) {
}
