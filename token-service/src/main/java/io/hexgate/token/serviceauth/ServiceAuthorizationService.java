package io.hexgate.token.serviceauth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.ListQuery;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.token.device.Permission;
import io.hexgate.token.expiry.ExpireTime;
import io.hexgate.token.secret.TokenSecret;
import io.hexgate.token.store.TokenTable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Service authorizations (SPEC §2.7, TagoIO's {@code /serviceauth}): long-lived, revocable credentials of a profile
 * that a network server's webhook carries to say which profile an uplink or a resolve belongs to. Stored as their
 * SHA-256 only; shown in clear once, when made.
 */
@ApplicationScoped
public class ServiceAuthorizationService {

    public static final Set<String> FILTERABLE = Set.of("name");
    public static final Set<String> ORDERABLE = Set.of("name", "created_at", "expire_time", "last_authorization");
    static final int MAX_PARAMETERS = 20;
    static final int MAX_KEY = 100;
    static final int MAX_VALUE = 1_000;

    @Inject
    Pool database;

    @Inject
    TokenTable tokens;

    /** What creating answers, once. */
    public record Issued(String token, String name, String permission, Object expireTime, String verificationCode,
                         Map<String, String> additionalParameters) {
    }

    public Uni<Issued> issue(String profile, ServiceAuthorizationInput input) {
        FieldErrors errors = new FieldErrors();
        String name = TokenTable.name(errors, input.name());
        String code = verificationCode(errors, input.verificationCode());
        Map<String, String> parameters = parameters(errors, input.additionalParameters());
        errors.throwIfAny();
        Permission permission = Permission.parse(input.permission());
        OffsetDateTime expires = ExpireTime.parse(input.expireTime(), Instant.now());
        TokenSecret secret = TokenSecret.newServiceAuthorization();
        return database.preparedQuery("INSERT INTO tokens.service_authorizations (token_hash, token_hint, profile, name, "
                        + "permission, verification_code, additional_parameters, expire_time, created_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())")
                .execute(Tuple.tuple().addString(secret.hash()).addString(secret.hint()).addString(profile)
                        .addString(name).addString(permission.json()).addString(code)
                        .addValue(new JsonObject(new LinkedHashMap<>(parameters))).addOffsetDateTime(expires))
                .map(inserted -> new Issued(secret.clear(), name, permission.json(), expires == null ? "never" : expires,
                        code, parameters));
    }

    /** The profile's service authorizations, without their values ({@code token} shows the first characters). */
    public Uni<List<Map<String, Object>>> list(String profile, ListQuery query) {
        String where = query.filters().containsKey("name") ? " AND name = $4" : "";
        Tuple arguments = Tuple.of(profile, query.amount(), query.offset());
        if (!where.isEmpty()) {
            arguments.addString(query.filters().get("name"));
        }
        // orderBy is one of ORDERABLE (ListQuery refused any other), so it is safe in the statement
        return database.preparedQuery("SELECT token_hint, name, permission, verification_code, additional_parameters, "
                        + "expire_time, created_at, last_authorization FROM tokens.service_authorizations "
                        + "WHERE profile = $1" + where + " ORDER BY " + query.orderBy() + (query.ascending() ? " ASC" : " DESC")
                        + " NULLS LAST, token_hash LIMIT $2 OFFSET $3")
                .execute(arguments).map(rows -> {
                    List<Map<String, Object>> listed = new ArrayList<>();
                    for (Row row : rows) {
                        listed.add(query.project(TokenTable.listed(row, extra(row))));
                    }
                    return listed;
                });
    }

    /** Changes the name, verification code or additional parameters of one given in clear (only those given). */
    public Uni<Void> edit(String profile, boolean admin, String clearToken, ServiceAuthorizationInput input) {
        FieldErrors errors = new FieldErrors();
        String name = input.name() == null ? null : TokenTable.name(errors, input.name());
        String code = verificationCode(errors, input.verificationCode());
        Map<String, String> parameters = input.additionalParameters() == null ? null : parameters(errors, input.additionalParameters());
        if (input.permission() != null || input.expireTime() != null) {
            errors.add(input.permission() != null ? "permission" : "expire_time",
                    "cannot be changed: make a new service authorization and revoke this one");
        }
        errors.throwIfAny();
        return database.preparedQuery("UPDATE tokens.service_authorizations SET name = coalesce($4, name), "
                        + "verification_code = CASE WHEN $5 THEN $6 ELSE verification_code END, "
                        + "additional_parameters = coalesce($7, additional_parameters) "
                        + "WHERE token_hash = $1 AND (profile = $2 OR $3) RETURNING 1")
                .execute(Tuple.tuple().addString(TokenSecret.hash(clearToken)).addString(profile).addBoolean(admin)
                        .addString(name).addBoolean(input.verificationCode() != null).addString(code)
                        .addValue(parameters == null ? null : new JsonObject(new LinkedHashMap<>(parameters))))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ResourceNotFoundException("no such service authorization of yours");
                    }
                    return null;
                });
    }

    /** Revokes one given in clear; every use of it fails from the next request on. */
    public Uni<Void> revoke(String profile, boolean admin, String clearToken) {
        return tokens.revoke(TokenTable.Kind.SERVICE_AUTHORIZATION, profile, admin, clearToken);
    }

    /** What a service authorization's list entry adds to a token's. */
    private static Map<String, Object> extra(Row row) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("verification_code", row.getString("verification_code"));
        extra.put("additional_parameters", row.getJsonObject("additional_parameters").getMap());
        return extra;
    }

    private static String verificationCode(FieldErrors errors, String given) {
        if (given != null && given.length() > 255) {
            errors.add("verification_code", "at most 255 characters, got " + given.length());
        }
        return given;
    }

    /** {@code additional_parameters}: at most 20 names to text, number or boolean values, kept as text. */
    private static Map<String, String> parameters(FieldErrors errors, Map<String, Object> given) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (given == null) {
            return parameters;
        }
        if (given.size() > MAX_PARAMETERS) {
            errors.add("additional_parameters", "at most " + MAX_PARAMETERS + " entries, got " + given.size());
            return parameters;
        }
        given.forEach((key, value) -> {
            String field = "additional_parameters." + (key.length() > 60 ? key.substring(0, 60) + "…" : key);
            // (a NUL never gets here: RequestBodyGuard refuses every body that holds one)
            if (key.isEmpty() || key.length() > MAX_KEY) {
                errors.add(field, "a name is 1 to " + MAX_KEY + " characters, got " + key.length());
            } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                errors.add(field, "must be text, a number or a boolean, got " + (value == null ? "null"
                        : value instanceof Map ? "an object" : value instanceof List ? "an array" : "something else"));
            } else if (value.toString().length() > MAX_VALUE) {
                errors.add(field, "at most " + MAX_VALUE + " characters, got " + value.toString().length());
            } else {
                parameters.put(key, value.toString());
            }
        });
        return parameters;
    }
}
