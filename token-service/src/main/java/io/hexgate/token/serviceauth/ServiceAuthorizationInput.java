package io.hexgate.token.serviceauth;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /serviceauth} and {@code PUT /serviceauth/{token}}, as TagoIO's SDK sends it
 * ({@code verification_code} by {@code tokenCreate} and {@code tokenEdit}).
 */
public record ServiceAuthorizationInput(
        @Schema(maxLength = 255) String name,
        @Schema(maxLength = 5, enumeration = { "read", "write", "full", "deny" }, description = "full unless set; fixed once made") String permission,
        @Schema(maxLength = 64, description = "never (unless set), an ISO-8601 time or a span such as 3 months; fixed once made") String expireTime,
        @Schema(maxLength = 255, description = "TagoIO's additional parameter of an authorization") String verificationCode,
        @Schema(description = "at most 20 names (1–100 characters) to text, number or boolean values (at most 1,000 characters as text), kept with it")
        Map<String, Object> additionalParameters) {
}
