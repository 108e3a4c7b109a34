package io.hexgate.network.connector;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.hexgate.network.entity.EntityId;
import io.hexgate.network.parameter.DeviceParameter;
import io.hexgate.network.parser.ParserCode;
import io.hexgate.network.validation.Fields;

/** A connector as received by create and edit; on edit, absent (null) fields are kept. */
public record ConnectorInput(@Schema(maxLength = 255) String name, @Schema(maxLength = 500) String description,
                             @Schema(maxLength = Fields.MAX_URL, format = "uri") String logoUrl,
                             @Schema(type = SchemaType.ARRAY, implementation = EntityId.class) List<String> networks,
                             @Schema(maxItems = DeviceParameter.MAX) List<DeviceParameter.Input> deviceParameters,
                             @Schema(maxLength = ParserCode.MAX_BASE64, format = "byte", description = "base64 of the JavaScript source, at most 256 KiB (hexgate.parser.max-source-bytes)") String payloadDecoder,
                             @Schema(maxLength = 16, enumeration = { "auto", "tagoio", "decodeUplink", "Decode", "Decoder" },
                                     description = "How the decoder is run: auto (detected from what it defines, the default), tagoio (a script on the global payload), or the codec entry point it declares (docs/codecs.md)") String decoderEntry,
                             @Schema(maxLength = ParserCode.MAX_BASE64, format = "byte", description = "base64 of a downlink encoder defining encodeDownlink(input) (TS013), kept apart from the decoder; \"\" removes it") String payloadEncoder,
                             @Schema(maxLength = 10_000) String installText, @Schema(maxLength = 10_000) String installEndText,
                             @Schema(maxLength = 10_000) String deviceAnnotation, @JsonProperty("public") Boolean isPublic) {
}
