package io.hexgate.parser.store;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Creates the monthly partitions of {@code data.points} ahead of time — this month's and next month's — at
 * start and daily, so rows never land in the default partition (whose rows would block a new partition).
 * Dropping old months is the operator's retention policy: one {@code DROP TABLE} per month.
 */
@ApplicationScoped
public class PointPartitions {

    private static final Logger LOG = Logger.getLogger(PointPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");

    @Inject
    Pool database;

    void onStart(@Observes StartupEvent event) {
        ensure().await().indefinitely();
    }

    @Scheduled(every = "12h", delayed = "12h")
    Uni<Void> daily() {
        return ensure();
    }

    Uni<Void> ensure() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        return create(now).chain(() -> create(now.plusMonths(1)))
                .onFailure().invoke(e -> LOG.warnf("could not create the partitions of data.points: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> create(YearMonth month) {
        LocalDate from = month.atDay(1);
        LocalDate to = month.plusMonths(1).atDay(1);
        String sql = "CREATE TABLE IF NOT EXISTS data.points_" + month.format(SUFFIX)
                + " PARTITION OF data.points FOR VALUES FROM ('" + from + " 00:00:00+00') TO ('" + to + " 00:00:00+00')";
        return database.query(sql).execute().replaceWithVoid()
                .onFailure().recoverWithUni(e -> e.getMessage() != null && e.getMessage().contains("already exists")
                        ? Uni.createFrom().voidItem() : Uni.createFrom().failure(e));
    }
}
