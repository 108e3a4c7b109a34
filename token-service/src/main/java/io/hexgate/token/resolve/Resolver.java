package io.hexgate.token.resolve;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.api.AccessDeniedException;
import io.hexgate.common.api.AuthenticationRequiredException;
import io.hexgate.common.api.ConflictException;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.common.auth.TokenCheck;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.common.contract.TokenKind;
import io.hexgate.common.serial.InvalidSerialException;
import io.hexgate.common.serial.SerialMask;
import io.hexgate.token.cache.TokenCache;
import io.hexgate.token.introspect.LastAuthorization;
import io.hexgate.token.introspect.TokenInfo;
import io.hexgate.token.introspect.TokenLookup;
import io.hexgate.token.profile.ProfileTokens;
import io.hexgate.token.ratelimit.ResolveRateLimit;
import io.hexgate.token.secret.TokenCipher;
import io.hexgate.token.secret.TokenSecret;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Serial → device token (SPEC §3.2). On a warm cache one Redis GET answers. Otherwise the network token is
 * looked up, PostgreSQL answers, and the result is cached under the network, whose every change (and every
 * revocation of one of its tokens) drops it.
 */
@ApplicationScoped
public class Resolver {

    @Inject
    TokenCache cache;

    @Inject
    TokenLookup lookup;

    @Inject
    TokenCipher cipher;

    @Inject
    ProfileTokens profileTokens;

    @Inject
    ResolveRateLimit rateLimit;

    @Inject
    Pool database;

    @Inject
    LastAuthorization lastAuthorization;

    /**
     * The device token for {@code serial} on the network of {@code networkToken}, within the profile that
     * {@code authorization} names when given (a profile token, or a service authorization).
     */
    public Uni<String> resolve(String networkToken, String serial, String authorization) {
        if (networkToken == null) {
            throw new AuthenticationRequiredException("a network token is required in the Authorization or token header");
        }
        String hash = TokenSecret.hash(networkToken);
        if (TokenHeaders.looksLikeServiceAuthorization(authorization)) {
            // Looked up on every resolve (Redis, then PostgreSQL): a revoked one fails at once, whatever is cached.
            rateLimit.check(hash);
            return lookup.lookup(authorization).flatMap(named ->
                    resolve(networkToken, hash, serial, TokenCheck.profileNamedBy(named.forCaller())));
        }
        String profile = authorization == null ? null : profileTokens.verifiedProfile(authorization);
        rateLimit.check(hash);
        return resolve(networkToken, hash, serial, profile);
    }

    private Uni<String> resolve(String networkToken, String hash, String serial, String profile) {
        String resolutionKey = TokenCache.resolveKey(hash, profile, serial);
        return cache.get(resolutionKey).flatMap(cached -> {
            CachedResolution hit = CachedResolution.parse(cached.getFirst());
            if (hit != null && hit.validAt(System.currentTimeMillis())) {
                // Warm path, one Redis GET: the entry carries the network token's expiry, and every revocation or
                // registry change of the network deletes it.
                lastAuthorization.used(TokenKind.NETWORK, hash);
                return Uni.createFrom().item(cipher.open(hit.sealed()));
            }
            return lookup.lookup(networkToken, hash, null).flatMap(info -> {
                requireNetworkToken(info);
                return fromDatabase(info.network(), serial, profile)
                        .call(sealed -> cache.putResolution(info.network(), resolutionKey,
                                new CachedResolution(info.expiresAt(), sealed).format()))
                        .map(cipher::open);
            });
        });
    }

    /** A cached resolution: the network token's expiry (null: never) and the sealed device token. */
    record CachedResolution(Long tokenExpiresAt, String sealed) {

        static CachedResolution parse(String value) {
            if (value == null) {
                return null;
            }
            int bar = value.indexOf('|');
            if (bar < 0) {
                return null;
            }
            String expiry = value.substring(0, bar);
            return new CachedResolution(expiry.equals("-") ? null : Long.valueOf(expiry), value.substring(bar + 1));
        }

        String format() {
            return (tokenExpiresAt == null ? "-" : tokenExpiresAt.toString()) + "|" + sealed;
        }

        boolean validAt(long nowMillis) {
            return tokenExpiresAt == null || tokenExpiresAt > nowMillis;
        }
    }

    /** What resolve answers is a device token that writes: a network token that may not write must not obtain one. */
    private static void requireNetworkToken(TokenInfo info) {
        TokenCheck.require(info.forCaller(), TokenKind.NETWORK, true, "resolving a serial (it answers a device token that writes)");
    }

    /** The sealed device token, from PostgreSQL. */
    private Uni<String> fromDatabase(String network, String serial, String profile) {
        return database.preparedQuery("SELECT serial_mask, serial_case, profile FROM tokens.registry_networks WHERE id = $1")
                .execute(Tuple.of(network)).flatMap(networks -> {
                    if (!networks.iterator().hasNext()) {
                        throw new ResourceNotFoundException("network " + network + " is not known (yet) to token-service");
                    }
                    Row row = networks.iterator().next();
                    String normalised;
                    try {
                        normalised = new SerialMask(row.getString("serial_mask"),
                                SerialMask.SerialCase.parse(row.getString("serial_case"))).normalise(serial);
                    } catch (InvalidSerialException e) {
                        throw e.forField("serial_number");
                    }
                    return devices(network, normalised, profile).flatMap(devices -> {
                        if (devices.isEmpty()) {
                            return notHere(network, row.getString("profile").strip(), normalised);
                        }
                        long profiles = devices.stream().map(DeviceRow::profile).distinct().count();
                        if (profiles > 1) {
                            throw new ConflictException("serial '" + normalised + "' belongs to devices of " + profiles
                                    + " profiles on this network; add a service authorization of the profile (or its profile token) as /{authorization} to choose one");
                        }
                        return deviceToken(devices.getFirst().id(), normalised);
                    });
                });
    }

    private record DeviceRow(String id, String profile) {
    }

    private Uni<List<DeviceRow>> devices(String network, String serial, String profile) {
        String sql = "SELECT id, profile FROM tokens.registry_devices WHERE network_id = $1 AND serie_number = $2"
                + (profile == null ? "" : " AND profile = $3");
        Tuple args = profile == null ? Tuple.of(network, serial) : Tuple.of(network, serial, profile);
        return database.preparedQuery(sql).execute(args).map(rows -> {
            List<DeviceRow> devices = new ArrayList<>();
            for (Row row : rows) {
                devices.add(new DeviceRow(row.getString("id").strip(), row.getString("profile").strip()));
            }
            return devices;
        });
    }

    /** The device's oldest active token that may write. */
    private Uni<String> deviceToken(String device, String serial) {
        return database.preparedQuery("SELECT token_sealed FROM tokens.device_tokens WHERE device_id = $1 "
                        + "AND permission IN ('full', 'write') AND (expire_time IS NULL OR expire_time > now()) "
                        + "ORDER BY created_at LIMIT 1")
                .execute(Tuple.of(device)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new ResourceNotFoundException("the device with serial '" + serial
                                + "' has no active device token with write permission");
                    }
                    return rows.iterator().next().getString(0);
                });
    }

    /**
     * No device on this network has the serial: 404, or 403 when a device on another network of the same owner
     * has it (the network server holds the wrong network's token). Other owners' serials are never revealed.
     */
    private Uni<String> notHere(String network, String owner, String serial) {
        return database.preparedQuery("SELECT 1 FROM tokens.registry_devices d JOIN tokens.registry_networks n "
                        + "ON n.id = d.network_id WHERE d.serie_number = $1 AND d.network_id <> $2 AND n.profile = $3 LIMIT 1")
                .execute(Tuple.of(serial, network, owner)).map(rows -> {
                    if (rows.iterator().hasNext()) {
                        throw new AccessDeniedException("serial '" + serial + "' is on another network: this token is "
                                + "network " + network + "'s");
                    }
                    throw new ResourceNotFoundException("no device with serial '" + serial + "' on network " + network);
                });
    }
}
