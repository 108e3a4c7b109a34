package io.hexgate.parser.pipeline;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

import io.hexgate.common.api.DataRefused;
import io.hexgate.common.contract.DeadLetter;
import io.hexgate.common.contract.DeviceData;
import io.hexgate.common.contract.InspectorEvent;
import io.hexgate.common.contract.RawUplink;
import io.hexgate.common.logging.OutageLog;
import io.hexgate.parser.data.DataPoint;
import io.hexgate.parser.data.PointJson;
import io.hexgate.parser.inspect.InspectorTrace;
import io.hexgate.parser.inspect.InspectorWatch;
import io.hexgate.parser.runtime.ParseRequest;
import io.hexgate.parser.runtime.ParserRuntime;
import io.hexgate.parser.store.NetworkHealth;
import io.hexgate.parser.store.PointStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The pipeline of SPEC §5: a batch of {@code hexgate.uplink.raw} records is parsed (in parallel, on the
 * parser pool), its points stored in one idempotent statement, {@code hexgate.device.data} and the
 * dead-letter records published and acknowledged by the broker, and only then are the offsets committed.
 * While PostgreSQL is down the batch waits and retries: nothing is consumed past it, nothing is lost.
 */
@ApplicationScoped
public class UplinkPipeline {

    private static final Logger LOG = Logger.getLogger(UplinkPipeline.class);

    @Inject
    UplinkHandler handler;

    @Inject
    PointStore store;

    @Inject
    ParserRuntime runtime;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    ResultProducer producer;

    @Inject
    NetworkHealth health;

    @Inject
    InspectorWatch watch;

    private final Map<String, Counter> uplinkCounters = new ConcurrentHashMap<>();
    private Counter pointsStored;

    @PostConstruct
    void counters() {
        pointsStored = Counter.builder("hexgate_parser_points_total")
                .description("Data points stored").register(metrics);
    }

    private Counter uplinks(String outcome) {
        return uplinkCounters.computeIfAbsent(outcome, o -> Counter
                .builder("hexgate_parser_uplinks_total").tag("outcome", o)
                .description("Uplinks handled, by outcome (stored, parse_error, dead_letter, duplicate)").register(metrics));
    }

    @Incoming("uplink-raw")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        List<Uni<UplinkHandler.Prepared>> deviceLevel = new ArrayList<>(records.size());
        List<RawUplink> networkLevel = new ArrayList<>();
        List<Rejected> poison = new ArrayList<>();
        Map<String, KafkaRecord<String, String>> byUplink = new HashMap<>();
        for (KafkaRecord<String, String> record : records) {
            RawUplink uplink;
            try {
                uplink = RawUplink.fromJson(record.getPayload());
            } catch (IllegalArgumentException e) {
                poison.add(new Rejected(record, e.getMessage()));
                continue;
            }
            byUplink.put(uplink.id(), record);
            if (uplink.networkLevel()) {
                networkLevel.add(uplink);
            } else {
                deviceLevel.add(handler.prepare(uplink));
            }
        }
        // the network-level uplinks' network stages first (one hand-over), then every uplink's device stages together
        Uni<List<Handled>> handled = handler.prepareNetworkLevel(networkLevel).chain(fromNetwork -> all(deviceLevel)
                .map(fromDevices -> {
                    List<UplinkHandler.Prepared> prepared = new ArrayList<>(fromNetwork.size() + fromDevices.size());
                    prepared.addAll(fromNetwork);
                    prepared.addAll(fromDevices);
                    return prepared;
                })).chain(this::parseAll);
        return handled.chain(parsed -> storeAll(parsed)
                        .call(this::countHealth)
                        .chain(results -> Outages.waitOut(Uni.createFrom().deferred(() -> publish(results, byUplink)),
                                e -> LOG.warnf("publishing the results failed (%s); retrying", OutageLog.causes(e))))
                        .chain(() -> Outages.waitOut(Uni.createFrom().deferred(() -> deadLetters(poison)),
                                e -> LOG.warnf("dead-lettering failed (%s); retrying", OutageLog.causes(e)))))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().invoke(e -> LOG.errorf(e, "a batch of %d uplinks failed and will be redelivered", records.size()));
    }

    /** Parses the batch's prepared uplinks (their device stages) in one hand-over to the parser pool. */
    private Uni<List<Handled>> parseAll(List<UplinkHandler.Prepared> prepared) {
        List<UplinkHandler.Prepared> runnable = prepared.stream().filter(p -> p.handled() == null).toList();
        List<ParseRequest> requests = runnable.stream().map(UplinkHandler.Prepared::request).toList();
        return Uni.createFrom().completionStage(() -> runtime.submitAll(requests)).map(outcomes -> {
            List<Handled> results = new ArrayList<>(prepared.size());
            prepared.stream().filter(p -> p.handled() != null).forEach(p -> results.add(p.handled()));
            for (int i = 0; i < runnable.size(); i++) {
                results.add(handler.complete(runnable.get(i), outcomes.get(i)));
            }
            return results;
        });
    }

    private static <T> Uni<List<T>> all(List<Uni<T>> unis) {
        return unis.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(unis).andFailFast();
    }

    /**
     * Stores the batch's points in one statement. When PostgreSQL refuses the data itself (it would refuse it every
     * time), the uplinks are stored one by one instead: each one it refuses goes to the dead-letter topic with the
     * reason, the others are stored. Outages are waited out; nothing is skipped.
     */
    private Uni<List<Handled>> storeAll(List<Handled> parsed) {
        int points = parsed.stream().mapToInt(h -> h.points().size()).sum();
        Uni<List<Handled>> stored = storeTogether(parsed)
                .onFailure(DataRefused::causedBy).recoverWithUni(refused -> storeEach(parsed));
        return Outages.waitOut(stored,
                        e -> LOG.warnf("storing %d data points failed (%s); retrying", points, OutageLog.causes(e)))
                .invoke(results -> {
                    for (Handled h : results) {
                        pointsStored.increment(h.points().size());
                        uplinks(h.outcome().name().toLowerCase(Locale.ROOT)).increment();
                    }
                });
    }

    /**
     * Adds the batch to its networks' health (docs/networks/README.md). An outage is waited out like the points';
     * a statement PostgreSQL refuses for its data is logged and the batch goes on: the counts are a view of the
     * data, never a reason to hold it back.
     */
    private Uni<Void> countHealth(List<Handled> results) {
        List<NetworkHealth.Uplink> uplinks = new ArrayList<>(results.size());
        for (Handled h : results) {
            uplinks.add(new NetworkHealth.Uplink(h.uplink().network(), h.uplink().profile(), h.uplink().receivedAt(),
                    NetworkHealth.Outcome.valueOf(h.outcome().name()), errorOf(h)));
        }
        return Outages.waitOut(Uni.createFrom().deferred(() -> health.add(uplinks)).onFailure(DataRefused::causedBy)
                        .recoverWithItem(e -> {
                            LOG.warnf("the network health of %d uplinks was not counted: %s", uplinks.size(),
                                    DataRefused.reason(e));
                            return null;
                        }),
                e -> LOG.warnf("counting the network health failed (%s); retrying", OutageLog.causes(e)));
    }

    /** The error an uplink met: the dead-letter reason, or its parse_error point's message; null for none. */
    private static String errorOf(Handled h) {
        if (h.outcome() == Handled.Outcome.DEAD_LETTER) {
            return h.deadLetterReason();
        }
        for (DataPoint point : h.points()) {
            if (DataPoint.PARSE_ERROR.equals(point.variable())) {
                return String.valueOf(point.value());
            }
        }
        return null;
    }

    private Uni<List<Handled>> storeEach(List<Handled> parsed) {
        return Multi.createFrom().iterable(parsed).onItem().transformToUniAndConcatenate(h -> h.points().isEmpty()
                        ? Uni.createFrom().item(h)
                        : storeTogether(List.of(h)).map(List::getFirst).onFailure(DataRefused::causedBy)
                                .recoverWithItem(e -> refused(h, e)))
                .collect().asList();
    }

    /**
     * Stores the uplinks' points in one statement; an uplink posted with an Idempotency-Key stores them only if no
     * uplink of its id was stored within the window (nor earlier in the batch): otherwise it becomes a duplicate.
     */
    private Uni<List<Handled>> storeTogether(List<Handled> parsed) {
        List<DataPoint> points = new ArrayList<>();
        Map<String, PointStore.Keyed> keyed = new LinkedHashMap<>();
        Set<Handled> repeated = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Handled h : parsed) {
            if (!h.uplink().idempotent() || h.outcome() == Handled.Outcome.DEAD_LETTER) {
                points.addAll(h.points());
            } else if (keyed.putIfAbsent(h.uplink().id(),
                    new PointStore.Keyed(h.uplink().id(), h.uplink().receivedAt(), h.points())) != null) {
                repeated.add(h);
            }
        }
        if (keyed.isEmpty()) {
            return store.store(points).map(n -> parsed);
        }
        return store.store(points, List.copyOf(keyed.values())).map(before -> parsed.stream()
                .map(h -> repeated.contains(h) || (h.uplink().idempotent() && before.contains(h.uplink().id()))
                        ? UplinkHandler.duplicate(h) : h)
                .toList());
    }

    private static Handled refused(Handled h, Throwable failure) {
        String reason = DataRefused.reason(failure);
        LOG.warnf("dead-lettering uplink %s of device %s: %s", h.uplink().id(), h.device().id(), reason);
        List<InspectorEvent> events = h.events().stream().filter(event -> !"stored".equals(event.stage())).toList();
        return UplinkHandler.deadLetter(h.uplink(), h.device().id(), reason, events);
    }

    private Uni<Void> publish(List<Handled> results, Map<String, KafkaRecord<String, String>> byUplink) {
        List<CompletableFuture<Void>> acknowledged = new ArrayList<>(results.size());
        for (Handled h : results) {
            String pointsJson = null;
            if (h.outcome() == Handled.Outcome.DUPLICATE) {
                // answered and stored as the first uplink of its Idempotency-Key: nothing to publish but the inspector's line
            } else if (h.outcome() == Handled.Outcome.DEAD_LETTER) {
                KafkaRecord<String, String> record = byUplink.get(h.uplink().id());
                if (record != null) {
                    acknowledged.add(deadLetter(record, h.deadLetterReason()));
                }
            } else {
                pointsJson = pointsJson(h);
                acknowledged.add(producer.deviceData(h.device().id(), new DeviceData(h.uplink().id(), h.device().id(),
                        h.device().network(), h.device().connector(), h.device().profile(), pointsJson).toJson()));
            }
            inspect(h, pointsJson);
        }
        return allAcknowledged(acknowledged);
    }

    /**
     * The uplink's inspector events (docs/inspector.md): all of them when its device (or network) is watched — the
     * stored line then carries the points — else its failures and summary line. Every event of an uplink whose
     * device is known goes to that device's inspector (keyed by it), a network stage's that ran before the device
     * was found too; ingest-service also puts a network-level uplink's on its network's.
     */
    private void inspect(Handled h, String pointsJson) {
        String device = h.device() == null ? null : h.device().id();
        boolean traced = watch.traces(h.uplink(), device);
        for (InspectorEvent event : h.events()) {
            if (traced || InspectorTrace.keptUnwatched(event)) {
                InspectorEvent of = event.of(h.uplink(), device);
                if (traced && pointsJson != null && "stored".equals(of.stage())) {
                    of = of.with(new RawValue(pointsJson));
                }
                producer.inspector(of.device() != null ? of.device() : of.network(), of.toJson());
            }
        }
    }

    /** A record that is not an uplink envelope, and why. */
    private record Rejected(KafkaRecord<String, String> record, String reason) {
    }

    private Uni<Void> deadLetters(List<Rejected> rejected) {
        List<CompletableFuture<Void>> acknowledged = new ArrayList<>(rejected.size());
        for (Rejected r : rejected) {
            acknowledged.add(deadLetter(r.record(), r.reason()));
        }
        return allAcknowledged(acknowledged).invoke(() -> uplinks("dead_letter").increment(rejected.size()));
    }

    private static Uni<Void> allAcknowledged(List<CompletableFuture<Void>> acknowledged) {
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new)));
    }

    /** The stored points as the JSON array {@code hexgate.device.data} carries (and a watched device's inspector). */
    private String pointsJson(Handled h) {
        StringWriter points = new StringWriter(320 * h.points().size() + 2);
        try (JsonGenerator out = json.getFactory().createGenerator(points)) {
            out.writeStartArray();
            for (DataPoint point : h.points()) {
                PointJson.write(out, point);
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return points.toString();
    }

    /** The input record, as it came, plus {@code reason}; same key, same headers. */
    private CompletableFuture<Void> deadLetter(KafkaRecord<String, String> record, String reason) {
        return producer.deadLetter(record.getKey(), new DeadLetter(record.getPayload(), reason).toJson(),
                record.getHeaders(), reason);
    }
}
