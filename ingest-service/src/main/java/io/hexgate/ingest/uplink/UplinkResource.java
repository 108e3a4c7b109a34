package io.hexgate.ingest.uplink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.api.AccessDeniedException;
import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.api.PayloadTooLargeException;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.common.contract.RawUplink;
import io.hexgate.common.contract.TokenKind;
import io.hexgate.common.contract.UplinkRequest;
import io.hexgate.common.serial.SerialMask;
import io.hexgate.ingest.IngestConfig;
import io.hexgate.ingest.auth.ProfileTokens;
import io.hexgate.ingest.auth.TokenGrant;
import io.hexgate.ingest.auth.UplinkAuthentication;
import io.hexgate.ingest.ratelimit.DeviceRateLimit;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /data}, {@code POST /integration/network/data} and a network server's webhook,
 * {@code POST /integration/network/{network}/uplink} (SPEC §3.3): the body is published as received
 * to {@code hexgate.uplink.raw}; parsing happens in parser-worker. Only the token, the size and emptiness are
 * checked here.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data", description = "Devices and network servers posting data")
@APIResponse(responseCode = "400", description = "Empty body")
@APIResponse(responseCode = "401", description = "Missing, unknown, expired or revoked token")
@APIResponse(responseCode = "403", description = "Inactive device, or a token without write permission")
@APIResponse(responseCode = "413", description = "Body over 200 kB")
@APIResponse(responseCode = "429", description = "Rate limit exceeded (Retry-After)")
@APIResponse(responseCode = "503", description = "Kafka or token-service unavailable: nothing was accepted")
public class UplinkResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String IDEMPOTENCY_KEY_DOC = "Optional, 1 to 255 visible ASCII characters: a retry with the "
            + "same key within 24 h is answered as the first and stores nothing twice";
    private static final Pattern IDEMPOTENCY_KEY_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    @Inject
    UplinkAuthentication authentication;

    @Inject
    DeviceRateLimit rateLimit;

    @Inject
    UplinkPublisher publisher;

    @Inject
    NetworkVisibility visibility;

    @Inject
    IngestConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    ProfileTokens profileTokens;

    @POST
    @Path("data")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(202)
    @Operation(summary = "Post data with a device token: a data object, an array of them, or any other body",
            description = "TagoIO's raw payload convention is {\"variable\": \"payload\", \"value\": \"<hex>\"}. Answers "
                    + "202 once Kafka acknowledged the uplink.")
    @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, description = IDEMPOTENCY_KEY_DOC,
            schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    public Uni<ApiResponse<String>> postData(byte[] body, HttpHeaders headers, UriInfo uri,
                                             @Context HttpServerRequest request) {
        String token = token(headers, uri);
        String content = checkedBody(body);
        UplinkRequest came = came(request, headers, token);
        return authentication.device(token).flatMap(grant -> {
            rateLimit.checkDevice(grant.device(), grant.network());
            RawUplink uplink = uplink(grant, grant.profile(), headers, content, false, null, came);
            return publisher.publish(grant.device(), uplink, traceparent(headers))
                    .map(published -> ApiResponse.ok(items(content) + " Data Added"));
        });
    }

    @POST
    @Path("integration/network/data")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(202)
    @Operation(summary = "Network-level data with a network token; the network parser sets the serial that routes it",
            description = "?authorization=<service authorization or profile token> limits the device search to that profile.")
    @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, description = IDEMPOTENCY_KEY_DOC,
            schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    public Uni<ApiResponse<String>> postNetworkData(byte[] body, HttpHeaders headers, UriInfo uri,
                                                    @QueryParam("authorization") String authorization,
                                                    @Context HttpServerRequest request) {
        String token = token(headers, uri);
        String content = checkedBody(body);
        UplinkRequest came = came(request, headers, token);
        Uni<String> named = authorization == null || authorization.isBlank() ? Uni.createFrom().nullItem()
                : profileOf(authorization);
        return named.flatMap(profile -> authentication.network(token).flatMap(grant ->
                publishNetworkLevel(grant, profile != null ? profile : grant.profile(), headers, content, null, came)));
    }

    @POST
    @Path("integration/network/{network}/uplink")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(202)
    @Operation(summary = "A network server's webhook for one network: network-level data, answered once Kafka has it",
            description = "The credential (Authorization or token header, or ?authorization=) is a service authorization "
                    + "of a profile that may use the network (its own, shared with it, or public), whose devices the "
                    + "network parser's serial is then looked for in; or the network's own token. The body is kept as "
                    + "it came, as for /integration/network/data.")
    @APIResponse(responseCode = "404", description = "No such network, or not one the authorization's profile may use")
    @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, description = IDEMPOTENCY_KEY_DOC,
            schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    public Uni<ApiResponse<String>> postWebhook(@PathParam("network") String network, byte[] body, HttpHeaders headers,
                                                UriInfo uri, @QueryParam("authorization") String authorization,
                                                @Context HttpServerRequest request) {
        return webhook(network, null, body, headers, uri, authorization, request);
    }

    @POST
    @Path("integration/network/{network}/uplink/{serial}")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(202)
    @Operation(summary = "A network server's webhook that names the device in its URL (The Things Stack's {/devEUI})",
            description = "As POST /integration/network/{network}/uplink; the network parser starts with {serial} as its "
                    + "serial, for a network server whose body leaves the device out (The Things Stack's \"filter event "
                    + "data\"). A serial the parser sets itself wins.")
    @APIResponse(responseCode = "404", description = "No such network, or not one the authorization's profile may use")
    @Parameter(in = ParameterIn.HEADER, name = IDEMPOTENCY_KEY, description = IDEMPOTENCY_KEY_DOC,
            schema = @Schema(type = SchemaType.STRING, maxLength = 255))
    public Uni<ApiResponse<String>> postWebhookOfSerial(@PathParam("network") String network,
                                                        @PathParam("serial") @Schema(maxLength = SerialMask.MAX_LENGTH) String serial,
                                                        byte[] body, HttpHeaders headers, UriInfo uri,
                                                        @QueryParam("authorization") String authorization,
                                                        @Context HttpServerRequest request) {
        if (serial.length() > SerialMask.MAX_LENGTH || serial.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw InvalidRequestException.field("serial", "serial: at most " + SerialMask.MAX_LENGTH
                    + " printable characters, got " + serial.length() + " characters");
        }
        return webhook(network, serial, body, headers, uri, authorization, request);
    }

    private Uni<ApiResponse<String>> webhook(String network, String serial, byte[] body, HttpHeaders headers, UriInfo uri,
                                             String authorization, HttpServerRequest request) {
        IdFormat.require("network", network);
        String credential = authorization != null && !authorization.isBlank() ? authorization : token(headers, uri);
        String content = checkedBody(body);
        UplinkRequest came = came(request, headers, credential);
        Uni<TokenGrant> sender;
        if (TokenHeaders.looksLikeServiceAuthorization(credential)) {
            sender = authentication.namedProfile(credential).call(profile -> visibility.require(network, profile))
                    .map(profile -> new TokenGrant(TokenKind.SERVICE_AUTHORIZATION.code(), null, network, null, profile, "full"));
        } else {
            sender = authentication.network(credential).invoke(grant -> {
                if (!network.equals(grant.network())) {
                    throw new AccessDeniedException("this network token is network " + grant.network()
                            + "'s, not " + network + "'s: post with that network's token, or a service authorization");
                }
            });
        }
        return sender.flatMap(grant -> publishNetworkLevel(grant, grant.profile(), headers, content, serial, came));
    }

    /**
     * Network-level data of the grant's network, for {@code profile}'s devices, 202 once acked. Keyed
     * {@code <network>/<serial>} when the URL names the device (its uplinks stay in order), else
     * {@code <network>/<uplink id>}: a network server posts for all its devices, and keyed by the network alone every
     * uplink of a built-in network — of every profile — went to one partition, one consumer (docs/kafka-contract.md).
     */
    private Uni<ApiResponse<String>> publishNetworkLevel(TokenGrant grant, String profile, HttpHeaders headers,
                                                         String content, String serial, UplinkRequest came) {
        rateLimit.checkNetwork(grant.network(), profile);
        RawUplink uplink = uplink(grant, profile, headers, content, true, serial, came);
        return publisher.publish(grant.network() + "/" + (serial != null ? serial : uplink.id()), uplink, traceparent(headers))
                .map(published -> ApiResponse.ok(items(content) + " Data Added"));
    }

    /**
     * The request as the inspector shows it: method, path (the query may hold a token), the sender — the last
     * X-Forwarded-For entry, the address the gateway saw (earlier ones are whatever the client wrote) — its user
     * agent, and the credential's last four characters.
     */
    static UplinkRequest came(HttpServerRequest request, HttpHeaders headers, String credential) {
        String forwarded = headers.getHeaderString("X-Forwarded-For");
        String source = forwarded != null && !forwarded.isBlank()
                ? forwarded.substring(forwarded.lastIndexOf(',') + 1).strip()
                : request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        return UplinkRequest.of(request.method().name(), request.path(), source,
                headers.getHeaderString(HttpHeaders.USER_AGENT), credential);
    }

    private RawUplink uplink(TokenGrant grant, String profile, HttpHeaders headers, String content, boolean networkLevel,
                             String serial, UplinkRequest came) {
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        String key = idempotencyKey(headers);
        // A key is the sender's: a device's own, or the network's within the token's profile (a network may be shared)
        String id = key == null ? uplinkId() : keyedUplinkId(networkLevel
                ? "network\n" + grant.network() + "\n" + grant.profile() : "device\n" + grant.device(), key);
        return new RawUplink(id, Instant.now(), grant.device(), grant.network(),
                grant.connector(), profile, contentType == null ? "application/octet-stream" : contentType,
                networkLevel, content, key != null, serial, came);
    }

    /** The Idempotency-Key header: absent, or 1 to 255 visible ASCII characters (docs/ingest.md). */
    static String idempotencyKey(HttpHeaders headers) {
        String key = headers.getHeaderString(IDEMPOTENCY_KEY);
        if (key == null) {
            return null;
        }
        if (!IDEMPOTENCY_KEY_FORMAT.matcher(key).matches()) {
            String shown = key.length() > 40 ? key.substring(0, 40) + "…" : key;
            throw InvalidRequestException.field(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY + ": '" + shown + "' (" + key.length()
                    + " characters) is not 1 to 255 visible ASCII characters");
        }
        return key;
    }

    /**
     * The id of an uplink posted with an Idempotency-Key: a UUID (version 8) from SHA-256 over who sent it and the
     * key, so that a retry of it carries the same id and parser-worker stores it once.
     */
    static String keyedUplinkId(String sender, String key) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest((sender + "\n" + key).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer bytes = ByteBuffer.wrap(hash);
        long high = bytes.getLong() & ~0xF000L | 0x8000L;
        long low = bytes.getLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private String checkedBody(byte[] body) {
        if (body != null && body.length > config.maxBodyBytes()) {
            throw new PayloadTooLargeException("the body is " + body.length + " bytes; at most " + config.maxBodyBytes()
                    + " (200 kB) are accepted");
        }
        String content = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (content.isBlank()) {
            throw InvalidRequestException.field("body", "body: is empty; send a data object, an array of them, or a raw payload");
        }
        return content;
    }

    /** Items of an array, 1 for anything else (an object, text, JSON that is not data). */
    private int items(String content) {
        String trimmed = content.stripLeading();
        if (!trimmed.startsWith("[")) {
            return 1;
        }
        try {
            JsonNode parsed = json.readTree(trimmed);
            return parsed.isArray() ? Math.max(parsed.size(), 1) : 1;
        } catch (Exception notJson) {
            return 1;
        }
    }

    /** The profile a service authorization, or a verified, unrevoked profile token, names. */
    private Uni<String> profileOf(String authorization) {
        return TokenHeaders.looksLikeServiceAuthorization(authorization) ? authentication.namedProfile(authorization)
                : profileTokens.profile(authorization, "authorization");
    }

    private static String token(HttpHeaders headers, UriInfo uri) {
        return TokenHeaders.find(headers, uri).orElse(null);
    }

    /**
     * A new uplink's id: a version-4 UUID, drawn like the trace ids below. UUID.randomUUID reads the shared
     * SecureRandom, a lock and a read of /dev/urandom for every uplink (3 % of ingest's event loop in JFR).
     */
    private static String uplinkId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
    }

    /**
     * The caller's W3C trace context, or a new one, so the uplink can be followed across services. Trace ids need
     * to be unique, not secret: ThreadLocalRandom, not the SecureRandom whose lock two event loops shared.
     */
    private static String traceparent(HttpHeaders headers) {
        String given = headers.getHeaderString("traceparent");
        if (given != null && TRACEPARENT.matcher(given).matches()) {
            return given;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "00-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong()) + "-"
                + hex.toHexDigits(random.nextLong()) + "-01";
    }
}
