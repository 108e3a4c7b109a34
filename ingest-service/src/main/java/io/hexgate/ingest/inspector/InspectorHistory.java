package io.hexgate.ingest.inspector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.hexgate.common.api.DependencyUnavailableException;
import io.hexgate.common.inspector.InspectorKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The inspector's history in Redis (docs/inspector.md): one stream per device (and per network and profile),
 * capped at {@code hexgate.inspector.history-entries} and gone {@code history-age} after its last entry; the
 * stream entry ids (milliseconds and a sequence) are the live stream's event ids, so a listener that reconnects
 * with {@code Last-Event-ID} reads on from where it was. Also the set of what is watched until when.
 * Every call is bounded by a timeout; a Redis outage fails it with a 503 naming Redis.
 */
@ApplicationScoped
public class InspectorHistory {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** Entries read per Redis call while filtering the history. */
    private static final int PAGE = 200;

    /** One entry: its stream id and its JSON. */
    public record Entry(String id, String json) {
    }

    /** An entry to add to a stream. */
    public record Append(String key, String json) {
    }

    private final Redis redis;
    private final InspectorConfig config;
    private final String prefix;

    InspectorHistory(Redis redis, InspectorConfig config,
                     @ConfigProperty(name = "hexgate.redis.key-prefix", defaultValue = "hexgate:") String prefix) {
        this.redis = redis;
        this.config = config;
        this.prefix = prefix;
    }

    String deviceKey(String device) {
        return InspectorKeys.deviceStream(prefix, device);
    }

    String networkKey(String network, String profile) {
        return InspectorKeys.networkStream(prefix, network, profile);
    }

    /** Adds the entries in order, in one round trip; each stream is capped and its expiry renewed. */
    public Uni<Void> append(List<Append> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Request> requests = new ArrayList<>(entries.size() + 8);
        Set<String> keys = new LinkedHashSet<>();
        for (Append entry : entries) {
            requests.add(Request.cmd(Command.XADD).arg(entry.key()).arg("MAXLEN").arg(config.historyEntries())
                    .arg("*").arg("e").arg(entry.json()));
            keys.add(entry.key());
        }
        for (String key : keys) {
            requests.add(Request.cmd(Command.PEXPIRE).arg(key).arg(config.historyAge().toMillis()));
        }
        return call(redis.batch(requests)).replaceWithVoid();
    }

    /**
     * Up to {@code limit} entries of a stream, newest first, none older than {@code sinceMillis} (nor than the
     * history's age), that {@code keep} accepts.
     */
    public Uni<List<Entry>> newest(String key, long sinceMillis, int limit, Predicate<Entry> keep) {
        long oldest = Math.max(sinceMillis, System.currentTimeMillis() - config.historyAge().toMillis());
        return page(key, "+", String.valueOf(oldest), limit, keep, new ArrayList<>());
    }

    private Uni<List<Entry>> page(String key, String end, String start, int limit, Predicate<Entry> keep,
                                  List<Entry> found) {
        return call(redis.send(Request.cmd(Command.XREVRANGE).arg(key).arg(end).arg(start).arg("COUNT").arg(PAGE)))
                .chain(response -> {
                    List<Entry> read = entries(response);
                    for (Entry entry : read) {
                        if (keep.test(entry)) {
                            found.add(entry);
                            if (found.size() >= limit) {
                                return Uni.createFrom().item(found);
                            }
                        }
                    }
                    if (read.size() < PAGE) {
                        return Uni.createFrom().item(found);
                    }
                    return page(key, "(" + read.getLast().id(), start, limit, keep, found);
                });
    }

    /** The id of a stream's newest entry, or {@code 0-0} for an empty or absent stream. */
    public Uni<String> last(String key) {
        return call(redis.send(Request.cmd(Command.XREVRANGE).arg(key).arg("+").arg("-").arg("COUNT").arg(1)))
                .map(response -> {
                    List<Entry> newest = entries(response);
                    return newest.isEmpty() ? "0-0" : newest.getFirst().id();
                });
    }

    /** The entries after each stream's position (at most {@code count} per stream), by stream, oldest first. */
    public Uni<Map<String, List<Entry>>> after(Map<String, String> positions, int count) {
        Request read = Request.cmd(Command.XREAD).arg("COUNT").arg(count).arg("STREAMS");
        positions.keySet().forEach(read::arg);
        positions.values().forEach(read::arg);
        return call(redis.send(read)).map(InspectorHistory::streams);
    }

    /** Marks {@code members} ({@link InspectorKeys}) watched until {@code untilMillis}; forgets expired ones. */
    public Uni<Void> watch(Collection<String> members, long untilMillis) {
        String key = InspectorKeys.watched(prefix);
        Request add = Request.cmd(Command.ZADD).arg(key).arg("GT");
        for (String member : members) {
            add.arg(untilMillis).arg(member);
        }
        Request forget = Request.cmd(Command.ZREMRANGEBYSCORE).arg(key).arg("-inf").arg(System.currentTimeMillis());
        return call(redis.batch(List.of(add, forget))).replaceWithVoid();
    }

    /** Sets when a member's timed window ends (0: now), whatever it was. */
    public Uni<Void> window(String member, long untilMillis) {
        return call(redis.send(Request.cmd(Command.ZADD).arg(InspectorKeys.watched(prefix)).arg(untilMillis).arg(member)))
                .replaceWithVoid();
    }

    /** Until when a member is watched (epoch milliseconds), 0 when it is not. */
    public Uni<Long> watchedUntil(String member) {
        return call(redis.send(Request.cmd(Command.ZSCORE).arg(InspectorKeys.watched(prefix)).arg(member)))
                .map(score -> {
                    long until = score == null ? 0 : score.toLong();
                    return until > System.currentTimeMillis() ? until : 0L;
                });
    }

    private static <T> Uni<T> call(Uni<T> call) {
        return call.ifNoItem().after(TIMEOUT).fail()
                .onFailure().transform(e -> e instanceof DependencyUnavailableException ? e
                        : new DependencyUnavailableException("Redis, which keeps the inspector's history, cannot be "
                                + "reached; ingestion goes on, and the history answers again when Redis does", e));
    }

    /** The entries of an XRANGE / XREVRANGE answer: [[id, [field, value]], …]. */
    static List<Entry> entries(Response response) {
        if (response == null) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>(response.size());
        for (Response item : response) {
            Response fields = item.get(1);
            String json = null;
            for (int i = 0; fields != null && i + 1 < fields.size(); i += 2) {
                if ("e".equals(fields.get(i).toString())) {
                    json = fields.get(i + 1).toString();
                }
            }
            if (json != null) {
                entries.add(new Entry(item.get(0).toString(), json));
            }
        }
        return entries;
    }

    /** An XREAD answer by stream: a map (RESP3) or [[key, entries], …] (RESP2); null when nothing is new. */
    static Map<String, List<Entry>> streams(Response response) {
        Map<String, List<Entry>> streams = new LinkedHashMap<>();
        if (response == null) {
            return streams;
        }
        if (response.isMap()) {
            for (String key : response.getKeys()) {
                streams.put(key, entries(response.get(key)));
            }
        } else {
            for (Response stream : response) {
                streams.put(stream.get(0).toString(), entries(stream.get(1)));
            }
        }
        return streams;
    }
}
