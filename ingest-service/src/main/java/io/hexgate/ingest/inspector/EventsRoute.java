package io.hexgate.ingest.inspector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.hexgate.common.api.ApiError;
import io.hexgate.common.api.ApiException;
import io.hexgate.common.api.IdFormat;
import io.hexgate.common.api.InvalidRequestException;
import io.hexgate.common.api.RateLimitedException;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.common.inspector.InspectorKeys;
import io.hexgate.ingest.auth.ProfileTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /events}: the live stream of inspectors, as TagoIO's SSE server and its SDK's {@code openSSEListening}
 * speak it (docs/inspector.md). {@code ?channels=device_inspector.<device>,device_data.<device>,
 * network_inspector.<network>} and the profile token ({@code ?token=} as the SDK sends it, or a token header). Every
 * message is {@code data: {"channel": …, "payload": …}} with the id of where it was in the history: a listener that
 * reconnects with {@code Last-Event-ID} reads on from there, nothing missed while the history holds it. A comment
 * every 15 s keeps proxies from closing an idle stream. While it is open its devices are watched (traced in full).
 * <p>
 * A Vert.x route, not a REST resource: the stream answers 4xx/503 in the error envelope before it starts, and
 * writes its own frames after. It is documented in the service's OpenAPI document (META-INF/openapi.yaml).
 */
@ApplicationScoped
public class EventsRoute {

    private static final Logger LOG = Logger.getLogger(EventsRoute.class);
    private static final int READ_PER_STREAM = 200;

    @Inject
    ProfileTokens profileTokens;

    @Inject
    InspectorAccess access;

    @Inject
    InspectorHistory history;

    @Inject
    InspectorConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    private final Map<String, AtomicInteger> streamsOf = new ConcurrentHashMap<>();

    /** A channel asked for: its name as asked, and the history it reads. */
    record Channel(String name, String kind, String id, String key) {
    }

    void route(@Observes Router router) {
        router.get("/events").handler(this::open);
    }

    private void open(RoutingContext context) {
        String token = TokenHeaders.find(context.request()::getHeader, context.request()::getParam).orElse(null);
        String asked = context.request().getParam("channels");
        String lastEventId = context.request().getHeader("Last-Event-ID");
        Context home = vertx.getOrCreateContext();
        // who asks first (401 before anything else), then what is asked
        Uni.createFrom().deferred(() -> profileTokens.profile(token, "token"))
                .chain(profile -> channels(channelNames(asked), profile).chain(channels -> positions(channels, lastEventId)
                        .map(positions -> new Listener(context, home, profile, channels, positions))))
                // watched before the stream opens: an uplink posted once the listener is open is traced in full
                .call(listener -> history.watch(listener.watched, System.currentTimeMillis() + config.watchFor().toMillis()))
                .subscribe().with(listener -> home.runOnContext(v -> listener.start()),
                        failure -> home.runOnContext(v -> fail(context, failure)));
    }

    /** The names of {@code ?channels=}, checked: known kinds, ids, no more than the limit. */
    private List<String> channelNames(String value) {
        if (value == null || value.isBlank()) {
            throw InvalidRequestException.field("channels", "channels: name at least one channel, as "
                    + "device_inspector.<device id>, device_data.<device id> or network_inspector.<network id>");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : value.split(",")) {
            String channel = name.strip();
            int dot = channel.indexOf('.');
            String kind = dot < 0 ? channel : channel.substring(0, dot);
            String id = dot < 0 ? "" : channel.substring(dot + 1);
            if (!Set.of("device_inspector", "device_data", "network_inspector").contains(kind)) {
                throw InvalidRequestException.field("channels", "channels: '" + channel + "' is not a channel this "
                        + "server has: device_inspector.<device id>, device_data.<device id> or network_inspector.<network id>");
            }
            if (!IdFormat.isId(id)) {
                throw InvalidRequestException.field("channels", "channels: '" + channel + "' does not end in an id (" +
                        IdFormat.LENGTH + " lower-case hexadecimal characters)");
            }
            names.add(channel);
        }
        if (names.size() > config.maxChannels()) {
            throw InvalidRequestException.field("channels", "channels: " + names.size() + " channels asked, at most "
                    + config.maxChannels() + " per stream");
        }
        return List.copyOf(names);
    }

    /** The channels, once the profile may read each; what they make watched is noted on each. */
    private Uni<List<Channel>> channels(List<String> names, String profile) {
        List<Uni<Channel>> checked = new ArrayList<>(names.size());
        for (String name : names) {
            int dot = name.indexOf('.');
            String kind = name.substring(0, dot);
            String id = name.substring(dot + 1);
            if ("network_inspector".equals(kind)) {
                checked.add(access.network(id, profile).map(v -> new Channel(name, kind, id, history.networkKey(id, profile))));
            } else {
                checked.add(access.device(id, profile).map(network -> new Channel(name, kind, network, history.deviceKey(id))));
            }
        }
        return Uni.join().all(checked).andFailFast();
    }

    /**
     * Where each history is read from: after the positions of {@code Last-Event-ID} (one id per history, in the
     * order of the channels), else after its newest entry.
     */
    private Uni<LinkedHashMap<String, String>> positions(List<Channel> channels, String lastEventId) {
        List<String> keys = channels.stream().map(Channel::key).distinct().toList();
        if (lastEventId != null && !lastEventId.isBlank()) {
            String[] ids = lastEventId.strip().split(",");
            if (ids.length != keys.size() || !Arrays.stream(ids).allMatch(id -> id.matches("\\d{1,20}-\\d{1,20}"))) {
                throw InvalidRequestException.field("Last-Event-ID", "Last-Event-ID: '" + shown(lastEventId)
                        + "' is not an id this stream sent (" + keys.size() + " stream position(s) as <ms>-<seq>, comma-separated)");
            }
            LinkedHashMap<String, String> positions = new LinkedHashMap<>();
            for (int i = 0; i < ids.length; i++) {
                positions.put(keys.get(i), ids[i]);
            }
            return Uni.createFrom().item(positions);
        }
        List<Uni<String>> newest = keys.stream().map(history::last).toList();
        return Uni.join().all(newest).andFailFast().map(ids -> {
            LinkedHashMap<String, String> positions = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                positions.put(keys.get(i), ids.get(i));
            }
            return positions;
        });
    }

    private static String shown(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }

    private void fail(RoutingContext context, Throwable failure) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            response.end();
            return;
        }
        ApiError error;
        int status;
        if (failure instanceof ApiException api) {
            status = api.status();
            error = ApiError.of(api.getMessage(), api.fieldErrors());
            if (failure instanceof RateLimitedException limited) {
                response.putHeader("Retry-After", String.valueOf(limited.retryAfterSeconds()));
            } else if (status == 503) {
                response.putHeader("Retry-After", "5");
            }
        } else {
            LOG.warnf("a live inspector stream could not open: %s", failure.toString());
            status = 503;
            error = ApiError.of("the live inspector cannot open now; retry in a few seconds");
            response.putHeader("Retry-After", "5");
        }
        try {
            response.setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(error));
        } catch (Exception e) {
            response.setStatusCode(status).end();
        }
    }

    /** One open stream. */
    private final class Listener {
        private final RoutingContext context;
        private final HttpServerResponse response;
        private final String profile;
        private final List<Channel> channels;
        private final LinkedHashMap<String, String> positions;
        private final List<String> watched = new ArrayList<>();
        private long pollTimer = -1;
        private long watchTimer = -1;
        private long heartbeatTimer = -1;
        private boolean reading;
        private boolean closed;
        private boolean redisAway;
        private long lastWrite;
        private final Context home;

        Listener(RoutingContext context, Context home, String profile, List<Channel> channels,
                 LinkedHashMap<String, String> positions) {
            this.context = context;
            this.home = home;
            this.response = context.response();
            this.profile = profile;
            this.channels = channels;
            this.positions = positions;
            for (Channel channel : channels) {
                if ("network_inspector".equals(channel.kind())) {
                    watched.add(InspectorKeys.network(channel.id()));
                } else {
                    String device = channel.name().substring(channel.name().indexOf('.') + 1);
                    watched.add(InspectorKeys.device(device));
                    watched.add(InspectorKeys.via(channel.id()));
                }
            }
        }

        void start() {
            int[] open = new int[1];
            streamsOf.compute(profile, (p, count) -> {
                AtomicInteger streams = count == null ? new AtomicInteger() : count;
                open[0] = streams.incrementAndGet();
                return streams;
            });
            if (open[0] > config.streamsPerProfile()) {
                forget();
                fail(context, new RateLimitedException("this profile has " + config.streamsPerProfile()
                        + " live streams open on this server, the most it may; close one first", 5));
                return;
            }
            if (response.closed()) {
                close();
                return;
            }
            response.setStatusCode(200).setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache, no-transform")
                    .putHeader("X-Accel-Buffering", "no");
            write("retry: 3000\n: hexgate live inspector\n\n");
            response.closeHandler(v -> close());
            response.exceptionHandler(e -> close());
            watchTimer = vertx.setPeriodic(Math.max(1000, config.watchFor().toMillis() / 3), id -> renewWatch());
            pollTimer = vertx.setPeriodic(config.poll().toMillis(), id -> poll());
            heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> {
                if (System.currentTimeMillis() - lastWrite >= config.heartbeat().toMillis() - 50) {
                    write(": keep-alive\n\n");
                }
            });
        }

        private void renewWatch() {
            history.watch(watched, System.currentTimeMillis() + config.watchFor().toMillis())
                    .subscribe().with(v -> { }, e -> { });
        }

        private void poll() {
            if (reading || closed || response.writeQueueFull()) {
                return;
            }
            reading = true;
            // Redis answers on its own thread: the stream's state is only touched on the request's context
            history.after(positions, READ_PER_STREAM).subscribe().with(read -> home.runOnContext(v -> {
                reading = false;
                if (redisAway) {
                    redisAway = false;
                    write(": the history answers again\n\n");
                }
                send(read);
            }), failure -> home.runOnContext(v -> {
                reading = false;
                if (!redisAway) {
                    redisAway = true;
                    write(": Redis, which keeps the history, cannot be reached; retrying\n\n");
                }
            }));
        }

        /** The new entries, oldest first across the histories (their ids are times), each to its channels. */
        private void send(Map<String, List<InspectorHistory.Entry>> read) {
            if (closed || read.isEmpty()) {
                return;
            }
            List<Map.Entry<String, InspectorHistory.Entry>> all = new ArrayList<>();
            read.forEach((key, entries) -> entries.forEach(entry -> all.add(Map.entry(key, entry))));
            all.sort((a, b) -> compareIds(a.getValue().id(), b.getValue().id()));
            StringBuilder frames = new StringBuilder();
            for (Map.Entry<String, InspectorHistory.Entry> next : all) {
                positions.put(next.getKey(), next.getValue().id());
                String id = String.join(",", positions.values());
                for (Channel channel : channels) {
                    if (!channel.key().equals(next.getKey())) {
                        continue;
                    }
                    // the history holds JSON objects the consumer wrote: an inspector channel sends them as they are
                    String payload = "device_data".equals(channel.kind()) ? points(next.getValue().json())
                            : next.getValue().json();
                    if (payload != null) {
                        frames.append("id: ").append(id).append("\ndata: {\"channel\":\"").append(channel.name())
                                .append("\",\"payload\":").append(payload).append("}\n\n");
                    }
                }
            }
            if (!frames.isEmpty()) {
                write(frames.toString());
            }
        }

        /** What device_data sends of an entry: the stored points of a traced uplink, else nothing. */
        private String points(String entryJson) {
            try {
                JsonNode entry = json.readTree(entryJson);
                JsonNode points = entry.path("content");
                return "stored".equals(entry.path("stage").asText()) && points.isArray() ? points.toString() : null;
            } catch (Exception unreadable) {
                return null;
            }
        }

        private void write(String frames) {
            if (closed || response.closed()) {
                return;
            }
            lastWrite = System.currentTimeMillis();
            response.write(Buffer.buffer(frames));
        }

        private void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (long timer : new long[] { pollTimer, watchTimer, heartbeatTimer }) {
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
            }
            forget();
        }

        /** One stream of the profile fewer (its count gone at none, so the map holds open streams' profiles only). */
        private void forget() {
            streamsOf.computeIfPresent(profile, (p, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    /** Stream ids ({@code <ms>-<seq>}) in time order. */
    static int compareIds(String a, String b) {
        int dashA = a.indexOf('-');
        int dashB = b.indexOf('-');
        int byTime = Long.compare(Long.parseLong(a.substring(0, dashA)), Long.parseLong(b.substring(0, dashB)));
        return byTime != 0 ? byTime : Long.compare(Long.parseLong(a.substring(dashA + 1)), Long.parseLong(b.substring(dashB + 1)));
    }
}
