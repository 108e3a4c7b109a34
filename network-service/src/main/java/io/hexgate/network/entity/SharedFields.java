package io.hexgate.network.entity;

import java.util.List;

import io.hexgate.common.api.AccessDeniedException;
import io.hexgate.common.api.FieldErrors;
import io.hexgate.network.parameter.DeviceParameter;
import io.hexgate.network.parser.ParserCode;
import io.hexgate.network.validation.Fields;

/** Applies the fields networks and connectors share, with the same rules for both. */
public final class SharedFields {

    private SharedFields() {
    }

    /**
     * Validates and applies what is present (null = keep); returns the parser to syntax-check, null when unchanged.
     *
     * @throws AccessDeniedException when a non-administrator changes {@code public}
     */
    public static ParserCode apply(FieldErrors errors, SharedEntity entity, boolean creating, boolean admin, String name,
                                   String description, List<DeviceParameter.Input> deviceParameters,
                                   String payloadDecoder, Boolean isPublic, int maxSourceBytes) {
        if (creating || name != null) {
            entity.name = Fields.requiredText(errors, "name", name, 255);
        }
        if (description != null) {
            entity.description = Fields.text(errors, "description", description, 500);
        }
        if (deviceParameters != null) {
            entity.deviceParameters = DeviceParameter.validated(errors, "device_parameters", deviceParameters);
        }
        ParserCode parser = ParserCode.fromBase64(errors, "payload_decoder", payloadDecoder, maxSourceBytes);
        if (parser != null) {
            entity.payloadDecoder = parser.isEmpty() ? null : parser.base64();
        }
        if (isPublic != null && isPublic != entity.isPublic) {
            if (!admin) {
                throw new AccessDeniedException("public: only an administrator (JWT group 'admin') may make a "
                        + entity.kind() + " public or private again");
            }
            entity.isPublic = isPublic;
        }
        return parser;
    }
}
