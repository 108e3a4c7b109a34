package io.hexgate.network.network;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.hexgate.network.parameter.DeviceParameter;
import io.hexgate.network.parser.ParserCode;
import io.hexgate.network.serial.SerialNumberFormat;
import io.hexgate.network.validation.Fields;

/**
 * A network as received by create and edit. Every field is optional on edit: what is absent (null) is kept;
 * an empty string clears a text or URL.
 */
public record NetworkInput(@Schema(maxLength = 255) String name, @Schema(maxLength = 500) String description,
                           @Schema(maxLength = Fields.MAX_URL, format = "uri") String documentationUrl, @Schema(maxLength = Fields.MAX_URL, format = "uri") String iconUrl,
                           @Schema(maxLength = Fields.MAX_URL, format = "uri") String logoUrl, @Schema(maxLength = Fields.MAX_URL, format = "uri") String bannerUrl,
                           SerialNumberFormat.Input serialNumber, @Schema(maxItems = DeviceParameter.MAX) List<DeviceParameter.Input> deviceParameters,
                           @Schema(maxLength = ParserCode.MAX_BASE64, format = "byte", description = "base64 of the JavaScript source, at most 256 KiB (hexgate.parser.max-source-bytes)") String payloadDecoder,
                           @JsonProperty("public") Boolean isPublic) {
}
