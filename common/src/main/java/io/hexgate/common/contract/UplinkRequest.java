package io.hexgate.common.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTTP request an uplink came in (docs/inspector.md), carried in {@link RawUplink#request()} so that the
 * device's inspector can show it: method, path (without the query: a token may be there), the sender's address,
 * its user agent (at most 200 characters) and the last four characters of the credential — never the whole token.
 */
public record UplinkRequest(String method, String path, String source, String userAgent, String tokenEnd) {

    private static final int MAX_USER_AGENT = 200;

    /** The request of those parts, the user agent cut to its first 200 characters, the credential to its last 4. */
    public static UplinkRequest of(String method, String path, String source, String userAgent, String credential) {
        String agent = userAgent == null || userAgent.length() <= MAX_USER_AGENT ? userAgent
                : userAgent.substring(0, MAX_USER_AGENT);
        return new UplinkRequest(method, path, source, agent, ending(credential));
    }

    /** The last four characters of a credential, after an ellipsis; null for none. */
    public static String ending(String credential) {
        if (credential == null || credential.isBlank()) {
            return null;
        }
        return "…" + (credential.length() <= 8 ? "" : credential.substring(credential.length() - 4));
    }

    static UplinkRequest fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new UplinkRequest(ContractJson.optional(node, "method"), ContractJson.optional(node, "path"),
                ContractJson.optional(node, "source"), ContractJson.optional(node, "user_agent"),
                ContractJson.optional(node, "token_end"));
    }
}
