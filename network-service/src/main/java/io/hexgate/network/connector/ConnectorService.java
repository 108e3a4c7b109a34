package io.hexgate.network.connector;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.hexgate.common.api.ConflictException;
import io.hexgate.common.api.FieldErrors;
import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.api.ResourceNotFoundException;
import io.hexgate.network.entity.EntityId;
import io.hexgate.network.entity.SharedFields;
import io.hexgate.network.network.Network;
import io.hexgate.network.parser.JavaScriptSyntax;
import io.hexgate.network.parser.ParserCode;
import io.hexgate.network.parser.ParserLimits;
import io.hexgate.network.share.SharedEntityRules;
import io.hexgate.network.validation.Fields;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The rules of connectors (SPEC §2.3): networks the profile can see, sharing as for networks. */
@ApplicationScoped
public class ConnectorService extends SharedEntityRules<Connector> {

    static final Set<String> FILTERABLE = Set.of("id", "name", "public", "profile");
    static final Set<String> ORDERABLE = Set.of("name", "created_at", "updated_at", "id");

    @Inject
    ParserLimits limits;

    @Inject
    JavaScriptSyntax syntax;

    @Inject
    ConnectorDevices devices;

    public ConnectorService() {
        super(Connector.class, Connector.KIND);
    }

    public Uni<String> create(String profile, boolean admin, ConnectorInput input) {
        Connector connector = new Connector();
        connector.id = EntityId.next();
        connector.profile = profile;
        Map<String, ParserCode> parsers = apply(limits.maxSourceBytes(), input, connector, admin, true);
        return syntax.check(parsers)
                .flatMap(checked -> Panache.withTransaction(() -> requireVisibleNetworks(profile, connector.networks)
                        .flatMap(visible -> {
                            connector.touch();
                            return connector.persist();
                        })
                        .flatMap(saved -> recordChange(connector))))
                .map(done -> connector.id);
    }

    public Uni<Void> update(String profile, boolean admin, String id, ConnectorInput input) {
        return Panache.withSession(() -> owned(profile, id).flatMap(current -> {
            Map<String, ParserCode> parsers = apply(limits.maxSourceBytes(), input, current, admin, false);
            return syntax.check(parsers)
                    .flatMap(checked -> Panache.withTransaction(() -> requireVisibleNetworks(profile, current.networks)
                            .flatMap(visible -> {
                                current.touch();
                                return current.persist();
                            })
                            .flatMap(saved -> recordChange(current))));
        }));
    }

    /** Refused (409) while devices use the connector. */
    public Uni<Void> delete(String profile, String id) {
        return Panache.withTransaction(() -> owned(profile, id).flatMap(connector -> devices.countMadeFrom(id)
                .flatMap(devices -> {
                    if (devices > 0) {
                        throw new ConflictException("connector " + id + " is used by " + devices
                                + " device(s); delete or move them first");
                    }
                    return deleteAndRecord(connector);
                })));
    }

    /**
     * Shares the connector; the warning names the connector's networks that stay invisible to the other profile
     * (private to the owner and not shared with it), since sharing a connector shares nothing of them.
     */
    public Uni<String> share(String profile, String id, String target) {
        return Panache.withTransaction(() -> shareWith(profile, id, target)
                .flatMap(connector -> invisibleNetworks(connector, target))
                .map(hidden -> hidden.isEmpty() ? null : "the connector's network(s) " + hidden + " are not visible to "
                        + "profile " + target + ": sharing a connector shares nothing of its networks; share them too "
                        + "or it cannot create devices with this connector"));
    }

    private Uni<Set<String>> invisibleNetworks(Connector connector, String target) {
        Uni<Set<String>> hidden = Uni.createFrom().item(new TreeSet<>());
        for (String networkId : connector.networks) {
            hidden = hidden.flatMap(set -> Network.<Network>findById(networkId)
                    .flatMap(network -> network == null ? Uni.createFrom().item(true) : sharing.isVisible(network, target)
                            .map(visible -> !visible))
                    .map(invisible -> {
                        if (invisible) {
                            set.add(networkId);
                        }
                        return set;
                    }));
        }
        return hidden;
    }

    /** Every listed network must exist and be visible to the profile (400 naming the first that is not). */
    private Uni<Void> requireVisibleNetworks(String profile, Set<String> networkIds) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String networkId : networkIds) {
            chain = chain.flatMap(ignored -> sharing.visible(Network.class, Network.KIND, profile, networkId)
                    .onFailure(ResourceNotFoundException.class).transform(notFound -> InvalidRequestException.field("networks",
                            "networks: network " + networkId + " does not exist or is not visible to you"))
                    .replaceWithVoid());
        }
        return chain;
    }

    /** Applies the input to the connector; returns the parsers it sets by field, for the syntax check. */
    private static Map<String, ParserCode> apply(int maxSourceBytes, ConnectorInput input, Connector connector,
                                                 boolean admin, boolean creating) {
        if (input == null) {
            throw InvalidRequestException.field("body", "body: a JSON object is required");
        }
        FieldErrors errors = new FieldErrors();
        ParserCode parser = SharedFields.apply(errors, connector, creating, admin, input.name(), input.description(),
                input.deviceParameters(), input.payloadDecoder(), input.isPublic(), maxSourceBytes);
        if (input.logoUrl() != null) {
            connector.logoUrl = Fields.url(errors, "logo_url", input.logoUrl());
        }
        if (creating || input.networks() != null) {
            List<String> networks = input.networks() == null ? List.of() : input.networks();
            if (networks.isEmpty()) {
                errors.add("networks", "at least one network id is required");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (int i = 0; i < networks.size(); i++) {
                if (!EntityId.isValid(networks.get(i))) {
                    errors.add("networks[" + i + "]", IdFormat.notAnId(networks.get(i)));
                } else {
                    ids.add(networks.get(i));
                }
            }
            connector.networks.clear();
            connector.networks.addAll(ids);
        }
        if (input.installText() != null) {
            connector.installText = Fields.text(errors, "install_text", input.installText(), 10_000);
        }
        if (input.installEndText() != null) {
            connector.installEndText = Fields.text(errors, "install_end_text", input.installEndText(), 10_000);
        }
        if (input.deviceAnnotation() != null) {
            connector.deviceAnnotation = Fields.text(errors, "device_annotation", input.deviceAnnotation(), 10_000);
        }
        if (input.decoderEntry() != null) {
            DecoderEntry entry = DecoderEntry.parse(input.decoderEntry());
            if (entry == null) {
                // a value longer than any entry is not echoed (it can be anything, of any length)
                errors.add("decoder_entry", (input.decoderEntry().length() <= DecoderEntry.MAX_LENGTH
                        ? "'" + input.decoderEntry() + "' is not one of " : "must be one of ") + DecoderEntry.LABELS);
            } else {
                connector.decoderEntry = entry.label();
            }
        }
        ParserCode encoder = ParserCode.fromBase64(errors, "payload_encoder", input.payloadEncoder(), maxSourceBytes);
        if (encoder != null && !encoder.isEmpty() && !DecoderEntry.definesEncodeDownlink(encoder.source())) {
            errors.add("payload_encoder", "defines no function encodeDownlink(input): a downlink encoder is a TS013 "
                    + "codec's encodeDownlink (docs/codecs.md)");
        } else if (encoder != null) {
            connector.payloadEncoder = encoder.isEmpty() ? null : encoder.base64();
        }
        errors.throwIfAny();
        Map<String, ParserCode> parsers = new LinkedHashMap<>();
        parsers.put("payload_decoder", parser);
        parsers.put("payload_encoder", encoder);
        return parsers;
    }
}
