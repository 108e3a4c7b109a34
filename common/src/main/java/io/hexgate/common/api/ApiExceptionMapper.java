package io.hexgate.common.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.ws.rs.Priorities;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.hexgate.common.logging.OutageLog;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Maps every failure of a service to the TagoIO error envelope, once for all services. Unexpected failures
 * are logged with a reference the caller can quote; their stack traces never reach the caller.
 */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    /** Seconds a caller is asked to wait after a 503: the outages behind one are usually brief. */
    static final int RETRY_AFTER_OUTAGE = 5;

    static final String MISSING_TOKEN = "a valid token is required: send it in the Authorization header "
            + "(Bearer or bare), or in the token, Device-Token, Profile-Token or Account-Token header";

    /** One process, one state: while a store is away every request fails alike, and one line per 10 s says so. */
    private static final OutageLog STORES = new OutageLog("a store could not be reached, requests answered 503",
            TimeUnit.SECONDS.toNanos(10), LOG::warn, System::nanoTime);

    private final OutageLog storesUnreachable;

    public ApiExceptionMapper() {
        this(STORES);
    }

    /** With where the outage lines go (a test's list). */
    ApiExceptionMapper(OutageLog storesUnreachable) {
        this.storesUnreachable = storesUnreachable;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = envelope(e.status(), ApiError.of(e.getMessage(), e.fieldErrors()));
        if (e instanceof RateLimitedException limited) {
            response.header("Retry-After", limited.retryAfterSeconds());
        } else if (e instanceof DependencyUnavailableException) {
            response.header("Retry-After", RETRY_AFTER_OUTAGE);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return envelope(401, ApiError.of("the token is invalid, expired or revoked")).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return envelope(401, ApiError.of(MISSING_TOKEN)).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return envelope(403, ApiError.of("this token is not allowed to do that")).build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            fields.put(lastNode(violation.getPropertyPath().toString()), violation.getMessage());
        }
        String message = fields.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining("; "));
        return envelope(400, ApiError.of(message, fields)).build();
    }

    /** Ahead of Quarkus' built-in mapper for this type, which answers outside the envelope. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = field + ": has the wrong type (" + mapping.getOriginalMessage().lines().findFirst().orElse("") + ")";
            return envelope(400, ApiError.of(message, Map.of(field, message))).build();
        }
        return envelope(400, ApiError.of("the body is not valid JSON: " + e.getOriginalMessage())).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        String message = switch (e) {
            case NotFoundException ignored -> "no such resource: /" + uri.getPath().replaceFirst("^/", "");
            case NotAllowedException ignored -> "method not allowed on /" + uri.getPath().replaceFirst("^/", "")
                    + "; allowed: " + e.getResponse().getAllowedMethods();
            case NotSupportedException ignored -> "unsupported content type; send application/json";
            default -> e.getMessage();
        };
        if (status >= 500) {
            return unexpected(e);
        }
        return envelope(status, ApiError.of(message)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (ConnectionLoss.causedBy(e)) {
            // an outage of a store: a 503 the caller can retry, like every other unavailable dependency
            storesUnreachable.failed(e);
            return apiException(new DependencyUnavailableException(
                    "a store this service needs (PostgreSQL or Redis) cannot be reached; retry in a few seconds", e));
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, reference %s", reference);
        return envelope(500, ApiError.of("internal error; quote reference " + reference + " when reporting it")).build();
    }

    private static Response.ResponseBuilder envelope(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error);
    }

    private static String lastNode(String propertyPath) {
        // "create.body.params[2].key" → "params[2].key": the caller knows its fields, not our method names.
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
