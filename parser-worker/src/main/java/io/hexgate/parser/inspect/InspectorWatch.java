package io.hexgate.parser.inspect;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.hexgate.common.contract.RawUplink;
import io.hexgate.common.inspector.InspectorKeys;
import io.hexgate.parser.ParserConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Which devices and networks someone watches (docs/inspector.md): an uplink of one of them is traced in full — its
 * HTTP request, each stage's output and time, every console line, the stored points — and any other gets its
 * failures and one summary line, so the inspector's cost stays bounded at full ingest rate. Read from Redis's
 * {@link InspectorKeys#watched} set every {@code hexgate.parser.watch-refresh} (200 ms): a listener who connects
 * is watching within that time. With Redis down nothing is watched (every uplink gets the summary), and storing
 * goes on.
 */
@ApplicationScoped
public class InspectorWatch {

    private static final Logger LOG = Logger.getLogger(InspectorWatch.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Redis redis;
    private final Vertx vertx;
    private final String key;
    private final Duration refresh;
    private volatile Set<String> watched = Set.of();
    private volatile boolean reading;
    private volatile boolean unreachable;
    private long timer = -1;

    InspectorWatch(Redis redis, Vertx vertx, ParserConfig config,
                   @ConfigProperty(name = "hexgate.redis.key-prefix", defaultValue = "hexgate:") String prefix) {
        this.redis = redis;
        this.vertx = vertx;
        this.key = InspectorKeys.watched(prefix);
        this.refresh = config.watchRefresh();
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(refresh.toMillis(), id -> read());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether a run of this uplink keeps each stage's output: its device, its network, or a device of it watched. */
    public boolean recordsStages(RawUplink uplink) {
        Set<String> now = watched;
        if (now.isEmpty()) {
            return false;
        }
        if (uplink.networkLevel()) {
            return now.contains(InspectorKeys.network(uplink.network())) || now.contains(InspectorKeys.via(uplink.network()));
        }
        return now.contains(InspectorKeys.device(uplink.device()));
    }

    /** Whether this uplink, of {@code device} (null when none was found), is traced in full. */
    public boolean traces(RawUplink uplink, String device) {
        Set<String> now = watched;
        if (now.isEmpty()) {
            return false;
        }
        return device != null && now.contains(InspectorKeys.device(device))
                || uplink.networkLevel() && now.contains(InspectorKeys.network(uplink.network()));
    }

    /** Whether anything is watched at all (the cheap check before building a trace's events). */
    public boolean any() {
        return !watched.isEmpty();
    }

    private void read() {
        if (reading) {
            return;
        }
        reading = true;
        redis.send(Request.cmd(Command.ZRANGEBYSCORE).arg(key).arg(System.currentTimeMillis()).arg("+inf"))
                .ifNoItem().after(TIMEOUT).fail()
                .subscribe().with(this::update, this::lost);
    }

    private void update(Response members) {
        Set<String> now = new HashSet<>();
        if (members != null) {
            for (Response member : members) {
                now.add(member.toString());
            }
        }
        watched = Set.copyOf(now);
        if (unreachable) {
            LOG.info("Redis answers again: watched devices are traced in full");
            unreachable = false;
        }
        reading = false;
    }

    private void lost(Throwable failure) {
        watched = Set.of();
        if (!unreachable) {
            LOG.warnf("Redis cannot be read (%s): no device counts as watched until it answers; uplinks get their "
                    + "failures and summary line on the inspector", failure.getMessage());
            unreachable = true;
        }
        reading = false;
    }
}
