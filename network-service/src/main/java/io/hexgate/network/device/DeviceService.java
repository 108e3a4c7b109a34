package io.hexgate.network.device;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.serial.InvalidSerialException;
import org.jboss.logging.Logger;

import io.hexgate.common.api.ConflictException;
import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.api.ListQuery;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.network.connector.Connector;
import io.hexgate.network.entity.EntityId;
import io.hexgate.network.listing.EntityListing;
import io.hexgate.network.network.Network;
import io.hexgate.network.outbox.RegistryChanges;
import io.hexgate.network.parser.JavaScriptSyntax;
import io.hexgate.network.parser.ParserCode;
import io.hexgate.network.parser.ParserLimits;
import io.hexgate.network.share.Sharing;
import io.hexgate.network.validation.Fields;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The rules of devices (SPEC §2.4): made from a visible network and a connector that lists it, a serial
 * normalised by the network's mask and unique per (network, profile), params from the parameter definitions,
 * and a first device token from token-service in the same request — asked once the device is committed, never
 * inside the transaction, and the device deleted again when no token can be had.
 */
@ApplicationScoped
public class DeviceService {

    private static final Logger LOG = Logger.getLogger(DeviceService.class);
    static final Set<String> FILTERABLE = Set.of("id", "name", "network", "connector", "serie_number", "active");
    static final Set<String> ORDERABLE = Set.of("name", "created_at", "updated_at", "last_input", "id");
    private static final String OWNED = "e.profile = :profile";
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    ParserLimits limits;

    @Inject
    Sharing sharing;

    @Inject
    RegistryChanges changes;

    @Inject
    JavaScriptSyntax syntax;

    @Inject
    DeviceTokens tokens;

    @Inject
    DeviceUsage usage;

    /** What creating a device answers: {@code {device_id, token}}. */
    public record Created(String deviceId, String token) {
    }

    /** Creates the device and its first token. */
    public Uni<Created> create(String profile, DeviceInput input) {
        if (input == null) {
            throw InvalidRequestException.field("body", "body: a JSON object is required");
        }
        FieldErrors errors = new FieldErrors();
        Device device = new Device();
        device.id = EntityId.next();
        device.profile = profile;
        device.name = Fields.requiredText(errors, "name", input.name(), 255);
        device.network = requiredId(errors, "network", input.network());
        device.connector = requiredId(errors, "connector", input.connector());
        ParserCode parser = applyEditable(errors, device, input, limits.maxSourceBytes());
        errors.throwIfAny();
        return syntax.check(parser == null ? Map.of() : Map.of(parserField(input), parser))
                .flatMap(checked -> Panache.withTransaction(() -> save(device, madeFrom(profile, device, input))))
                .flatMap(saved -> tokens.issueFirst(device).onFailure().call(noToken -> undoCreation(device)))
                .map(token -> new Created(device.id, token));
    }

    /** In the creation's transaction: a visible network and a connector listing it; the serial and params by their rules. */
    private Uni<Void> madeFrom(String profile, Device device, DeviceInput input) {
        return networkAndConnector(profile, device.network, device.connector).flatMap(pair -> {
            Network network = pair.network();
            FieldErrors late = new FieldErrors();
            device.serieNumber = serial(late, network, input.serieNumber(), true);
            List<Device.Param> params = DeviceParams.fromDefinitions(network.deviceParameters, pair.connector().deviceParameters);
            device.params = DeviceParams.apply(late, "params", params, input.params() == null ? List.of() : input.params());
            late.throwIfAny();
            return requireUniqueSerial(device);
        });
    }

    public Uni<Map<String, Object>> get(String profile, String id) {
        return Panache.withSession(() -> owned(profile, id).map(Device::toJson));
    }

    public Uni<List<Map<String, Object>>> list(String profile, ListQuery query) {
        return Panache.withSession(() -> EntityListing.list(Device.class, OWNED, profile, query)
                .map(devices -> devices.stream().map(d -> query.project(d.toJson())).toList()));
    }

    public Uni<Void> update(String profile, String id, DeviceInput input) {
        if (input == null) {
            throw InvalidRequestException.field("body", "body: a JSON object is required");
        }
        return Panache.withSession(() -> owned(profile, id).flatMap(device -> {
            FieldErrors errors = new FieldErrors();
            if (input.name() != null) {
                device.name = Fields.requiredText(errors, "name", input.name(), 255);
            }
            if (input.network() != null && !input.network().equals(device.network)) {
                errors.add("network", "a device cannot move to another network; create a new device");
            }
            if (input.connector() != null && !input.connector().equals(device.connector)) {
                errors.add("connector", "a device cannot change its connector; create a new device");
            }
            ParserCode parser = applyEditable(errors, device, input, limits.maxSourceBytes());
            if (input.params() != null) {
                device.params = DeviceParams.apply(errors, "params", device.params, input.params());
            }
            errors.throwIfAny();
            return syntax.check(parser == null ? Map.of() : Map.of(parserField(input), parser))
                    .flatMap(checked -> Panache.withTransaction(() -> {
                        Uni<Void> serialChecked = Uni.createFrom().voidItem();
                        if (input.serieNumber() != null) {
                            serialChecked = Network.<Network>findById(device.network).flatMap(network -> {
                                FieldErrors serialErrors = new FieldErrors();
                                device.serieNumber = serial(serialErrors, network, input.serieNumber(), false);
                                serialErrors.throwIfAny();
                                return requireUniqueSerial(device);
                            });
                        }
                        return save(device, serialChecked);
                    }));
        }));
    }

    /**
     * Deletes the device; its tokens are revoked at token-service once the deletion is committed (never inside the
     * transaction), or by token-service itself when it reads the deletion event.
     */
    public Uni<Void> delete(String profile, String id) {
        return Panache.withTransaction(() -> owned(profile, id).flatMap(usage::deleteAndRecord))
                .flatMap(deleted -> tokens.revoke(List.of(id)));
    }

    public Uni<List<Device.Param>> params(String profile, String id) {
        return Panache.withSession(() -> owned(profile, id).map(device -> device.params));
    }

    public Uni<List<Device.Param>> setParams(String profile, String id, List<DeviceInput.ParamInput> edits) {
        return Panache.withTransaction(() -> owned(profile, id).flatMap(device -> {
            FieldErrors errors = new FieldErrors();
            device.params = DeviceParams.apply(errors, "params", device.params, edits);
            errors.throwIfAny();
            device.touch();
            return recordChange(device).map(recorded -> device.params);
        }));
    }

    public Uni<Void> deleteParam(String profile, String id, String paramId) {
        return Panache.withTransaction(() -> owned(profile, id).flatMap(device -> {
            List<Device.Param> remaining = device.params.stream().filter(p -> !p.id().equals(paramId)).toList();
            if (remaining.size() == device.params.size()) {
                throw new ResourceNotFoundException("device " + id + " has no param " + paramId);
            }
            device.params = remaining;
            device.touch();
            return recordChange(device);
        }));
    }

    /** Devices are visible to their owner only. */
    Uni<Device> owned(String profile, String id) {
        if (!EntityId.isValid(id)) {
            return Uni.createFrom().failure(new ResourceNotFoundException("device " + id + " not found"));
        }
        return Device.<Device>find("id = ?1 and profile = ?2", id, profile).firstResult().map(device -> {
            if (device == null) {
                throw new ResourceNotFoundException("device " + id + " not found");
            }
            return device;
        });
    }

    private record NetworkAndConnector(Network network, Connector connector) {
    }

    private Uni<NetworkAndConnector> networkAndConnector(String profile, String networkId, String connectorId) {
        return sharing.visible(Network.class, Network.KIND, profile, networkId)
                .onFailure(ResourceNotFoundException.class).transform(e -> InvalidRequestException.field("network",
                        "network: network " + networkId + " does not exist or is not visible to you"))
                .flatMap(network -> sharing.visible(Connector.class, Connector.KIND, profile, connectorId)
                        .onFailure(ResourceNotFoundException.class).transform(e -> InvalidRequestException.field("connector",
                                "connector: connector " + connectorId + " does not exist or is not visible to you"))
                        .map(connector -> {
                            if (!connector.networks.contains(networkId)) {
                                throw InvalidRequestException.field("connector", "connector: connector " + connectorId
                                        + " does not list network " + networkId + "; it lists " + connector.networks);
                            }
                            return new NetworkAndConnector(network, connector);
                        }));
    }

    /** The normalised serial; null when none was given and none is required. */
    private static String serial(FieldErrors errors, Network network, String input, boolean creating) {
        boolean missing = input == null || input.isBlank();
        if (missing) {
            if (network.serialFormat().required()) {
                errors.add("serie_number", "network " + network.id + " requires a serial number"
                        + (network.serialFormat().mask().isEmpty() ? "" : " in the format '" + network.serialFormat().mask() + "'"));
            }
            return null;
        }
        try {
            return network.serialFormat().toMask().normalise(input.strip());
        } catch (InvalidSerialException e) {
            errors.add("serie_number", e.getMessage());
            return null;
        }
    }

    private static Uni<Void> requireUniqueSerial(Device device) {
        if (device.serieNumber == null) {
            return Uni.createFrom().voidItem();
        }
        return Device.count("network = ?1 and profile = ?2 and serieNumber = ?3 and id <> ?4",
                device.network, device.profile, device.serieNumber, device.id).map(count -> {
                    if (count > 0) {
                        throw duplicateSerial(device);
                    }
                    return null;
                });
    }

    private static ConflictException duplicateSerial(Device device) {
        return new ConflictException("serie_number: another device of yours on network " + device.network
                + " already has serial '" + device.serieNumber + "'");
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            // Hibernate Reactive reports it so when an auto-flush before a query hits the constraint.
            if (t instanceof org.hibernate.JDBCException jdbc && UNIQUE_VIOLATION.equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one save path of create and edit, after their checks: stamped, written, the change recorded. A serial the
     * database finds taken — while the checks query (Hibernate flushes the edit first) or while writing — is a 409.
     */
    private Uni<Void> save(Device device, Uni<Void> checks) {
        return checks
                .flatMap(checked -> {
                    device.touch();
                    return device.persist();
                })
                .flatMap(saved -> Panache.getSession().flatMap(session -> session.flush()))
                .onFailure(DeviceService::isUniqueViolation).transform(failure -> duplicateSerial(device))
                .flatMap(flushed -> recordChange(device));
    }

    /**
     * A created device that could not get its first token is deleted again (its creation and deletion both
     * published), so that no device is left without a token; the caller gets token-service's 503.
     */
    private Uni<Void> undoCreation(Device device) {
        return Panache.withTransaction(() -> Device.<Device>findById(device.id)
                        .flatMap(stored -> stored == null ? Uni.createFrom().voidItem() : usage.deleteAndRecord(stored)))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("device %s was made but got no token, and could not be deleted again (%s): issue it a "
                            + "token or delete it", device.id, failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> recordChange(Device device) {
        return changes.record(Device.KIND, RegistryChanges.UPSERT, device.id, device.profile, device.version, device.toJson());
    }

    /** The fields create and edit share; the parser to check, null when unchanged. */
    private static ParserCode applyEditable(FieldErrors errors, Device device, DeviceInput input, int maxSourceBytes) {
        if (input.connectorParse() != null) {
            device.connectorParse = input.connectorParse();
        }
        if (input.active() != null) {
            device.active = input.active();
        }
        if (input.tags() != null) {
            for (int i = 0; i < input.tags().size(); i++) {
                Device.Tag tag = input.tags().get(i);
                if (tag == null || tag.key() == null || tag.key().isBlank() || tag.key().length() > 100) {
                    errors.add("tags[" + i + "].key", "is required, 1-100 characters");
                } else if (tag.value() != null && tag.value().length() > 1000) {
                    errors.add("tags[" + i + "].value", "at most 1000 characters");
                }
            }
            if (input.tags().size() > 200) {
                errors.add("tags", "at most 200 tags");
            }
            device.tags = input.tags().stream().filter(t -> t != null && t.key() != null)
                    .map(t -> new Device.Tag(t.key().strip(), t.value() == null ? "" : t.value())).toList();
        }
        ParserCode parser = input.parseFunction() != null
                ? ParserCode.fromSource(errors, "parse_function", input.parseFunction(), maxSourceBytes)
                : ParserCode.fromBase64(errors, "payload_decoder", input.payloadDecoder(), maxSourceBytes);
        if (parser != null) {
            device.payloadDecoder = parser.isEmpty() ? null : parser.base64();
        }
        return parser;
    }

    private static String parserField(DeviceInput input) {
        return input.parseFunction() != null ? "parse_function" : "payload_decoder";
    }

    private static String requiredId(FieldErrors errors, String field, String id) {
        if (id == null || id.isBlank()) {
            errors.add(field, "is required");
        } else if (!EntityId.isValid(id)) {
            errors.add(field, IdFormat.notAnId(id));
        }
        return id;
    }
}
