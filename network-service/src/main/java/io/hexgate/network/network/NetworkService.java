package io.hexgate.network.network;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.serial.SerialMask;
import io.hexgate.common.api.ConflictException;
import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.network.entity.EntityId;
import io.hexgate.network.entity.SharedFields;
import io.hexgate.network.parser.JavaScriptSyntax;
import io.hexgate.network.parser.ParserCode;
import io.hexgate.network.parser.ParserLimits;
import io.hexgate.network.share.SharedEntityRules;
import io.hexgate.network.validation.Fields;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The rules of networks (SPEC §2.2, §3.1): privacy, sharing, serial formats, parameters, parsers. */
@ApplicationScoped
public class NetworkService extends SharedEntityRules<Network> {

    static final Set<String> FILTERABLE = Set.of("id", "name", "public", "profile");
    static final Set<String> ORDERABLE = Set.of("name", "created_at", "updated_at", "id");

    @Inject
    ParserLimits limits;

    @Inject
    JavaScriptSyntax syntax;

    @Inject
    NetworkDevices devices;

    public NetworkService() {
        super(Network.class, Network.KIND);
    }

    /** A created network's id. */
    public Uni<String> create(String profile, boolean admin, NetworkInput input) {
        Network network = new Network();
        network.id = EntityId.next();
        network.profile = profile;
        ParserCode parser = apply(limits.maxSourceBytes(), input, network, admin, true);
        return syntax.check(parser == null ? Map.of() : Map.of("payload_decoder", parser))
                .flatMap(checked -> Panache.withTransaction(() -> {
                    network.touch();
                    return network.persist().flatMap(saved -> recordChange(network));
                }))
                .map(done -> network.id);
    }

    /**
     * Creates a built-in network under its stable id, or brings it up to this release's definition: "created",
     * "updated" or null when it already was as defined. Through the same checks and change events as any network.
     */
    Uni<String> ensureBuiltIn(String id, String owner, NetworkInput input) {
        Network wanted = new Network();
        ParserCode parser = apply(limits.maxSourceBytes(), input, wanted, true, true);
        return syntax.check(Map.of("payload_decoder", parser)).flatMap(checked -> Panache.withTransaction(() ->
                Network.<Network>findById(id).flatMap(current -> {
                    if (current != null && current.sameDefinition(wanted)) {
                        return Uni.createFrom().nullItem();
                    }
                    Network network = current == null ? wanted : current.definedAs(wanted);
                    network.id = id;
                    network.profile = owner;
                    network.touch();
                    return network.persist().flatMap(saved -> recordChange(network))
                            .map(recorded -> current == null ? "created" : "updated to this release's definition");
                })));
    }

    /** Edits a network; a warning when the new serial mask no longer matches existing devices (null otherwise). */
    public Uni<String> update(String profile, boolean admin, String id, NetworkInput input) {
        BuiltInNetworks.requireNotBuiltIn(id, "edited");
        return Panache.withSession(() -> owned(profile, id).flatMap(current -> {
            SerialMask oldMask = current.serialFormat().toMask();
            ParserCode parser = apply(limits.maxSourceBytes(), input, current, admin, false);
            Map<String, ParserCode> parsers = parser == null ? Map.of() : Map.of("payload_decoder", parser);
            return syntax.check(parsers).flatMap(checked -> Panache.withTransaction(() -> {
                current.touch();
                return current.persist().flatMap(saved -> recordChange(current));
            })).flatMap(saved -> {
                SerialMask newMask = current.serialFormat().toMask();
                if (newMask.equals(oldMask)) {
                    return Uni.createFrom().nullItem();
                }
                return devices.serialNumbers(id).map(serials -> {
                    long mismatched = serials.stream().filter(serial -> !newMask.acceptsStored(serial)).count();
                    return mismatched == 0 ? null : mismatched + " existing device(s) have a serial number that no longer "
                            + "matches the new format; they keep it until edited";
                });
            });
        }));
    }

    /**
     * Deletes a network; refused while it has devices unless {@code force}, which deletes them too. Their tokens are
     * revoked at token-service once the deletion is committed (never inside the transaction); if token-service cannot
     * be asked then, it drops them when it reads the deletion events.
     */
    public Uni<Void> delete(String profile, String id, boolean force) {
        BuiltInNetworks.requireNotBuiltIn(id, "deleted");
        return Panache.withTransaction(() -> owned(profile, id).flatMap(network -> devices.countOn(id)
                .flatMap(count -> {
                    if (count > 0 && !force) {
                        throw new ConflictException("network " + id + " has " + count
                                + " device(s); delete them first or add ?force=true to delete them with it");
                    }
                    return devices.deleteAll(id).call(deleted -> deleteAndRecord(network));
                })))
                .flatMap(deleted -> devices.revokeTokens(deleted));
    }

    public Uni<Void> share(String profile, String id, String target) {
        BuiltInNetworks.requireNotBuiltIn(id, "shared (it is public)");
        return Panache.withTransaction(() -> shareWith(profile, id, target)).replaceWithVoid();
    }

    /** Validates the input into {@code network}; the parser to syntax-check (null when unchanged). */
    private static ParserCode apply(int maxSourceBytes, NetworkInput input, Network network, boolean admin, boolean creating) {
        if (input == null) {
            throw InvalidRequestException.field("body", "body: a JSON object is required");
        }
        FieldErrors errors = new FieldErrors();
        ParserCode parser = SharedFields.apply(errors, network, creating, admin, input.name(), input.description(),
                input.deviceParameters(), input.payloadDecoder(), input.isPublic(), maxSourceBytes);
        if (input.documentationUrl() != null) {
            network.documentationUrl = Fields.url(errors, "documentation_url", input.documentationUrl());
        }
        if (input.iconUrl() != null) {
            network.iconUrl = Fields.url(errors, "icon_url", input.iconUrl());
        }
        if (input.logoUrl() != null) {
            network.logoUrl = Fields.url(errors, "logo_url", input.logoUrl());
        }
        if (input.bannerUrl() != null) {
            network.bannerUrl = Fields.url(errors, "banner_url", input.bannerUrl());
        }
        if (input.serialNumber() != null) {
            network.serialNumber = input.serialNumber().validated(errors);
        }
        errors.throwIfAny();
        return parser;
    }
}
