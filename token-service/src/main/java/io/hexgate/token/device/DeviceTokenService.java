package io.hexgate.token.device;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.hexgate.common.api.FieldErrors;
import io.hexgate.token.expiry.ExpireTime;
import io.hexgate.token.secret.TokenSecret;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Issues and revokes device tokens. */
@ApplicationScoped
public class DeviceTokenService {

    /** What the caller sees once: the clear token. */
    public record Issued(String token, String name, String permission, OffsetDateTime expireTime) {
    }

    /** The device a token is for, as network-service knows it. */
    public record DeviceRef(String device, String network, String connector, String profile, String serieNumber) {
    }

    public Uni<Issued> issue(DeviceRef ref, String name, String permission, String expireTime) {
        FieldErrors errors = new FieldErrors();
        String tokenName = name == null || name.isBlank() ? "Default" : name.strip();
        if (tokenName.length() > 255) {
            errors.add("name", "at most 255 characters");
        }
        errors.throwIfAny();
        Permission parsedPermission = Permission.parse(permission);
        OffsetDateTime expires = ExpireTime.parse(expireTime, Instant.now());
        TokenSecret secret = TokenSecret.newDeviceToken();
        DeviceToken token = new DeviceToken();
        token.tokenHash = secret.hash();
        token.tokenHint = secret.hint();
        token.device = ref.device();
        token.network = ref.network();
        token.connector = ref.connector();
        token.profile = ref.profile();
        token.serieNumber = ref.serieNumber();
        token.name = tokenName;
        token.permission = parsedPermission.json();
        token.expireTime = expires;
        token.createdAt = OffsetDateTime.now();
        return Panache.withTransaction(token::persist)
                .map(saved -> new Issued(secret.clear(), token.name, token.permission, token.expireTime));
    }

    /** Revokes every token of these devices; the number revoked. */
    public Uni<Long> revokeAllOf(List<String> devices) {
        return Panache.withTransaction(() -> DeviceToken.delete("device in ?1", devices));
    }
}
