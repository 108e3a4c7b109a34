package io.hexgate.parser.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.contract.InspectorEvent;
import io.hexgate.common.contract.RawUplink;
import io.hexgate.common.serial.InvalidSerialException;
import io.hexgate.parser.ParserConfig;
import io.hexgate.parser.data.DataPoint;
import io.hexgate.parser.data.UplinkPoints;
import io.hexgate.parser.inspect.InspectorTrace;
import io.hexgate.parser.inspect.InspectorWatch;
import io.hexgate.parser.registry.ConnectorInfo;
import io.hexgate.parser.registry.DeviceInfo;
import io.hexgate.parser.registry.NetworkInfo;
import io.hexgate.parser.registry.RegistryCache;
import io.hexgate.parser.runtime.Continuation;
import io.hexgate.parser.runtime.ParseOutcome;
import io.hexgate.parser.runtime.ParseRequest;
import io.hexgate.parser.runtime.ParserRuntime;
import io.hexgate.parser.runtime.ParserScript;
import io.hexgate.parser.runtime.ParserStage;
import io.hexgate.parser.runtime.StageFailure;
import io.smallrye.mutiny.Uni;

/**
 * Turns one uplink into data points (SPEC §4): finds the device (for a network-level uplink, from the serial
 * its network parser sets), runs network → connector (if {@code connector_parse}) → device parser, and
 * normalises the output. A parser failure is data — a {@code parse_error} point; only an uplink that cannot
 * be handled at all (unknown device or serial, no envelope) goes to the dead-letter topic.
 */
@ApplicationScoped
public class UplinkHandler {

    @Inject
    RegistryCache registry;

    @Inject
    ParserRuntime runtime;

    @Inject
    ParserConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    InspectorWatch watch;

    /**
     * An uplink made ready to parse: its device and the parse request of the device's stages; or, when it cannot be
     * parsed, already {@code handled} (dead-lettered). {@code before} are the inspector events of what ran before
     * (a network-level uplink's network stage).
     */
    public record Prepared(RawUplink uplink, DeviceInfo device, ParseRequest request, Handled handled,
                           List<InspectorEvent> before) {
    }

    /** A network-level uplink whose network stage is ready to run, or already handled. */
    private record NetworkStage(RawUplink uplink, NetworkInfo network, ParseRequest request, Handled handled) {
    }

    /**
     * Prepares a batch's network-level uplinks (SPEC §4): their network parsers run in one hand-over to the parser
     * pool; then each one's serial names a device, whose stages are prepared like a device-level uplink's and parsed
     * with the batch's others — two hand-overs for the whole batch, not two per uplink.
     */
    public Uni<List<Prepared>> prepareNetworkLevel(List<RawUplink> uplinks) {
        if (uplinks.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return all(uplinks.stream().map(this::networkStage).toList()).chain(stages -> {
            List<NetworkStage> runnable = stages.stream().filter(stage -> stage.handled() == null).toList();
            List<ParseRequest> requests = runnable.stream().map(NetworkStage::request).toList();
            return Uni.createFrom().completionStage(() -> runtime.submitAll(requests)).chain(outcomes -> {
                List<Uni<Prepared>> prepared = new ArrayList<>(stages.size());
                stages.stream().filter(stage -> stage.handled() != null).forEach(stage -> prepared.add(ready(stage.handled())));
                for (int i = 0; i < runnable.size(); i++) {
                    prepared.add(afterNetwork(runnable.get(i), outcomes.get(i)));
                }
                return all(prepared);
            });
        });
    }

    /** Finds the device, network and connector of a device-level uplink and builds its parse request. */
    public Uni<Prepared> prepare(RawUplink uplink) {
        return lookup(registry.device(uplink.device())).chain(device -> {
            if (device.isEmpty()) {
                return ready(deadLetter(uplink, uplink.device(), "unknown device " + uplink.device()));
            }
            if (!device.get().active()) {
                return ready(inactive(uplink, device.get().id(), List.of()));
            }
            return lookup(registry.network(device.get().network()))
                    .chain(network -> request(uplink, device.get(), network.orElse(null), null))
                    .map(request -> new Prepared(uplink, device.get(), request, null, List.of()));
        }).onFailure(e -> !(e instanceof RegistryUnavailable)).recoverWithItem(e -> ready(uplink, List.of(), e));
    }

    /** What a prepared uplink's parse outcome becomes. */
    public Handled complete(Prepared prepared, ParseOutcome outcome) {
        Handled handled = points(prepared.uplink(), prepared.device(), outcome, prepared.before().isEmpty());
        return prepared.before().isEmpty() ? handled : withEvents(handled, prepared.before());
    }

    private static Uni<Prepared> ready(Handled handled) {
        return Uni.createFrom().item(new Prepared(handled.uplink(), null, null, handled, List.of()));
    }

    /** An uplink that could not be handled at all (not an outage): dead-lettered with the reason. */
    private static Prepared ready(RawUplink uplink, List<InspectorEvent> events, Throwable failure) {
        return new Prepared(uplink, null, null, Handled.deadLetter(uplink, "the uplink could not be handled: " + failure,
                events), List.of());
    }

    private static Handled inactive(RawUplink uplink, String device, List<InspectorEvent> events) {
        return deadLetter(uplink, device, "device " + device + " is inactive: its data is not stored", events);
    }

    private static <T> Uni<List<T>> all(List<Uni<T>> unis) {
        return unis.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(unis).andFailFast();
    }

    private Uni<NetworkStage> networkStage(RawUplink uplink) {
        return lookup(registry.network(uplink.network())).map(found -> {
            if (found.isEmpty()) {
                return new NetworkStage(uplink, null, null, deadLetter(uplink, null, "unknown network " + uplink.network()));
            }
            NetworkInfo network = found.get();
            if (network.parser() == null) {
                return new NetworkStage(uplink, network, null, deadLetter(uplink, null, "network " + network.id()
                        + " has no payload parser, so no serial can name the device of a network-level uplink"));
            }
            String networkDevice = "{\"id\":null,\"name\":null,\"network\":\"" + network.id()
                    + "\",\"connector\":null,\"tags\":[],\"params\":[]}";
            return new NetworkStage(uplink, network, new ParseRequest(uplink.body(), uplink.contentType(), null,
                    networkDevice, List.of(network.parser()), runtime.budgetFor(network.id()), watch.recordsStages(uplink),
                    uplink.serial(),
                    uplink.profile(), serial -> continueIfCached(network, uplink, serial)), null);
        }).onFailure(e -> !(e instanceof RegistryUnavailable)).recoverWithItem(e -> new NetworkStage(uplink, null, null,
                Handled.deadLetter(uplink, "the uplink could not be handled: " + e, List.of())));
    }

    /**
     * On the parser thread, after a network stage: when the cache already knows the serial's device (and its
     * connector), the run goes on with the device's stages — the common case, a device heard before; else null, and
     * {@link #afterNetwork} finds the device and runs its stages in a run of their own. An inactive device is left to
     * that path too (it dead-letters the uplink).
     */
    private Continuation.Next continueIfCached(NetworkInfo network, RawUplink uplink, String serial) {
        return registry.cachedDeviceBySerial(network, uplink.profile(), serial)
                .filter(cached -> cached.device().active())
                .map(cached -> {
                    DeviceInfo device = cached.device();
                    List<ParserScript> stages = new ArrayList<>(2);
                    if (cached.connector() != null && cached.connector().parser() != null) {
                        stages.add(cached.connector().parser());
                    }
                    if (device.parser() != null) {
                        stages.add(device.parser());
                    }
                    return new Continuation.Next(device.globalJson(), stages, device);
                }).orElse(null);
    }

    /** After its network stage: the device the serial names, and the request of its stages; or the dead letter. */
    private Uni<Prepared> afterNetwork(NetworkStage stage, ParseOutcome outcome) {
        RawUplink uplink = stage.uplink();
        NetworkInfo network = stage.network();
        if (outcome.continuedFor() instanceof DeviceInfo device) {
            // the run went on with the device's stages: parsed, the network's console lines with the device's
            return ready(points(uplink, device, outcome, true));
        }
        List<InspectorEvent> events = new ArrayList<>();
        if (watch.any()) {
            // the device is not known yet: traced in full if it turns out watched (UplinkPipeline decides)
            events.add(InspectorTrace.request(uplink, null));
            events.addAll(InspectorTrace.stages(uplink, null, outcome));
        }
        events.addAll(consoleEvents(null, network.id(), uplink.id(), outcome));
        if (outcome.failed()) {
            return ready(deadLetter(uplink, null, "the network parser failed: " + outcome.failure().message(), events));
        }
        if (outcome.serial() == null || outcome.serial().isBlank()) {
            return ready(deadLetter(uplink, null, "the network parser set no serial, so the uplink names no device", events));
        }
        Uni<Optional<String>> deviceId;
        try {
            deviceId = lookup(registry.deviceBySerial(network, uplink.profile(), outcome.serial()));
        } catch (InvalidSerialException e) {
            return ready(deadLetter(uplink, null, e.getMessage(), events));
        }
        return deviceId.chain(id -> id.isEmpty()
                ? ready(deadLetter(uplink, null, "unknown serial '" + outcome.serial() + "' in network " + network.id()
                        + " for this profile", events))
                : lookup(registry.device(id.get())).chain(device -> {
                    if (device.isEmpty()) {
                        return ready(deadLetter(uplink, null, "unknown device " + id.get(), events));
                    }
                    if (!device.get().active()) {
                        return ready(inactive(uplink, id.get(), events));
                    }
                    return request(uplink, device.get(), network, outcome)
                            .map(request -> new Prepared(uplink, device.get(), request, null, events));
                }))
                .onFailure(e -> !(e instanceof RegistryUnavailable)).recoverWithItem(e -> ready(uplink, events, e));
    }

    /**
     * The request that runs the device's stages. {@code afterNetwork} is the outcome of a network stage already
     * run (a network-level uplink), in which case its output is where the connector stage starts.
     */
    private Uni<ParseRequest> request(RawUplink uplink, DeviceInfo device, NetworkInfo network,
                                      ParseOutcome afterNetwork) {
        Uni<Optional<ConnectorInfo>> connector = device.connectorParse()
                ? lookup(registry.connector(device.connector()))
                : Uni.createFrom().item(Optional.empty());
        return connector.map(found -> {
            List<ParserScript> stages = new ArrayList<>(3);
            if (afterNetwork == null && network != null && network.parser() != null) {
                stages.add(network.parser());
            }
            found.map(ConnectorInfo::parser).ifPresent(stages::add);
            if (device.parser() != null) {
                stages.add(device.parser());
            }
            return new ParseRequest(uplink.body(), uplink.contentType(),
                    afterNetwork == null ? null : afterNetwork.outputJson(), device.globalJson(), stages,
                    runtime.budgetFor(device.network()), watch.recordsStages(uplink), null, uplink.profile());
        });
    }

    /**
     * The points of a parsed uplink and its inspector events; a watched device's (InspectorWatch) begin with the
     * request ({@code withRequest}: not when the network stage's run already said it) and each stage's output.
     */
    private Handled points(RawUplink uplink, DeviceInfo device, ParseOutcome outcome, boolean withRequest) {
        UplinkPoints points = new UplinkPoints(json, uplink.id(), device.id(), uplink.receivedAt(), uplink.body());
        List<InspectorEvent> events = new ArrayList<>();
        if (watch.traces(uplink, device.id())) {
            if (withRequest) {
                events.add(InspectorTrace.request(uplink, device.id()));
            }
            events.addAll(InspectorTrace.stages(uplink, device.id(), outcome));
        }
        events.addAll(consoleEvents(device.id(), device.network(), uplink.id(), outcome));
        if (outcome.failed()) {
            StageFailure failure = outcome.failure();
            events.add(InspectorEvent.of(device.id(), device.network(), uplink.id(), failure.where(), "error",
                    failure.kind().label() + ": " + failure.message(), null));
            DataPoint error = points.parseError(0, failure.message(), owner(failure.where(), failure.stage(),
                    failure.ownerId(), failure.kind().label()));
            return new Handled(uplink, device, List.of(error), null, events, Handled.Outcome.PARSE_ERROR);
        }
        ParserStage last = outcome.stages().isEmpty() ? null : outcome.stages().getLast().stage();
        String lastStage = last == null ? "none" : last.label();
        String lastOwner = last == null ? null : outcome.stages().getLast().ownerId();
        if (outcome.outputJson().length() > config.maxOutputBytes()) {
            String message = "the parser output is " + outcome.outputJson().length() + " bytes as JSON; at most "
                    + config.maxOutputBytes() + " (200 kB) are stored per uplink";
            events.add(InspectorEvent.of(device.id(), device.network(), uplink.id(), lastStage, "error", message, null));
            return new Handled(uplink, device, List.of(points.parseError(0, message,
                    owner(lastStage, last, lastOwner, "invalid_output"))), null, events, Handled.Outcome.PARSE_ERROR);
        }
        UplinkPoints.Result result = points.fromOutput(outcome.outputJson(), config.maxPoints(),
                owner(lastStage, last, lastOwner, "invalid_output"));
        if (result.hasErrors()) {
            runtime.countInvalidOutput();
            String message = result.invalid() ? String.valueOf(result.points().getFirst().value())
                    : String.join("; ", result.itemErrors());
            events.add(InspectorEvent.of(device.id(), device.network(), uplink.id(), lastStage, "error",
                    "invalid_output: " + message, null));
        }
        if (config.inspectStoredUplinks()) {
            events.add(InspectorEvent.of(device.id(), device.network(), uplink.id(), "stored", "info",
                    result.points().size() + " data stored", null).took(InspectorTrace.took(outcome)));
        }
        return new Handled(uplink, device, result.points(), null, events,
                result.hasErrors() ? Handled.Outcome.PARSE_ERROR : Handled.Outcome.STORED);
    }

    private List<InspectorEvent> consoleEvents(String device, String network, String uplinkId, ParseOutcome outcome) {
        List<InspectorEvent> events = new ArrayList<>();
        if (outcome.consoleJson() == null || outcome.consoleJson().equals("[]")) {
            return events;
        }
        try {
            for (JsonNode line : json.readTree(outcome.consoleJson())) {
                events.add(InspectorEvent.of(device, network, uplinkId, "console", line.path("level").asText("info"),
                        line.path("message").asText(), null));
            }
        } catch (Exception ignored) {
            // console lines are best effort
        }
        return events;
    }

    /** A parse_error's metadata: {@code stage} (a parser's, or none / runtime), whose parser, and the kind. */
    private static Map<String, String> owner(String where, ParserStage stage, String ownerId, String kind) {
        Map<String, String> owner = new LinkedHashMap<>();
        owner.put("stage", where);
        if (stage != null && ownerId != null) {
            owner.put(stage.label(), ownerId);
        }
        owner.put("kind", kind);
        return owner;
    }

    private static Handled deadLetter(RawUplink uplink, String device, String reason) {
        return deadLetter(uplink, device, reason, new ArrayList<>());
    }

    static Handled deadLetter(RawUplink uplink, String device, String reason, List<InspectorEvent> events) {
        List<InspectorEvent> all = new ArrayList<>(events);
        all.add(InspectorEvent.of(device, uplink.network(), uplink.id(), "dlq", "error", reason, null));
        return Handled.deadLetter(uplink, reason, all);
    }

    /**
     * An uplink posted again with the Idempotency-Key of one stored within the window: its points are not stored;
     * the inspector says so instead of "stored".
     */
    static Handled duplicate(Handled handled) {
        List<InspectorEvent> events = new ArrayList<>();
        for (InspectorEvent event : handled.events()) {
            if (!"stored".equals(event.stage())) {
                events.add(event);
            }
        }
        String device = handled.device() == null ? null : handled.device().id();
        events.add(InspectorEvent.of(device, handled.uplink().network(), handled.uplink().id(), "duplicate", "info",
                "an uplink with this Idempotency-Key was stored before: nothing stored again", null));
        return new Handled(handled.uplink(), handled.device(), List.of(), null, events, Handled.Outcome.DUPLICATE);
    }

    private static Handled withEvents(Handled handled, List<InspectorEvent> before) {
        List<InspectorEvent> all = new ArrayList<>(before);
        all.addAll(handled.events());
        return new Handled(handled.uplink(), handled.device(), handled.points(), handled.deadLetterReason(), all,
                handled.outcome());
    }

    /** A registry read that waits out a database outage (SPEC §6) instead of losing or misfiling the uplink. */
    private static <T> Uni<T> lookup(Uni<T> read) {
        return Outages.waitOut(read.onFailure().transform(RegistryUnavailable::new), failure -> { });
    }

    /** The registry could not be read; retried, never a reason to dead-letter an uplink. */
    static final class RegistryUnavailable extends RuntimeException {
        RegistryUnavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
