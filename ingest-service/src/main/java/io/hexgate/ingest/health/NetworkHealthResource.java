package io.hexgate.ingest.health;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.hexgate.common.api.ApiResponse;
import io.hexgate.common.api.IdFormat;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.ingest.auth.ProfileTokens;
import io.hexgate.ingest.uplink.NetworkVisibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A network's ingest health for the asking profile (docs/networks/README.md, "Health"): what became of the uplinks
 * of the profile's own devices on that network — counts by outcome, the last success, the last error — as
 * parser-worker counted them in {@code data.network_health}. A built-in or shared network serves many profiles;
 * each sees its own uplinks only.
 */
@Path("/integration/network/{network}/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "networks", description = "Network servers' webhooks and their health")
@SecurityRequirement(name = "profile-token")
public class NetworkHealthResource {

    private static final String READ = """
            SELECT stored, parse_error, dead_letter, duplicate, last_success_at, last_error_at, last_error
            FROM data.network_health WHERE network = $1 AND profile = $2""";

    @Inject
    ProfileTokens profileTokens;

    @Inject
    NetworkVisibility visibility;

    @Inject
    Pool database;

    @GET
    @Operation(summary = "What became of this profile's uplinks on the network: counts by outcome, last success, last error",
            description = "outcomes: stored, parse_error (a parser failed: stored as a parse_error point), dead_letter "
                    + "(no device: an unknown serial, a network parser that failed or set none — on hexgate.uplink.dlq), "
                    + "duplicate (a retry with the Idempotency-Key of a stored uplink). Counted when parser-worker has "
                    + "handled the uplink, about a second after it was accepted.")
    @APIResponse(responseCode = "200", description = "The health (zero counts for a network that has seen nothing)")
    @APIResponse(responseCode = "400", description = "The network is not an id")
    @APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked profile token")
    @APIResponse(responseCode = "404", description = "No such network, or not one the profile may use")
    @APIResponse(responseCode = "503", description = "PostgreSQL cannot be reached; Retry-After says when to try again")
    public Uni<ApiResponse<Map<String, Object>>> health(@PathParam("network") String network, HttpHeaders headers,
                                                       UriInfo uri) {
        IdFormat.require("network", network);
        return profileTokens.profile(TokenHeaders.find(headers, uri).orElse(null), "token")
                .call(profile -> visibility.require(network, profile))
                .chain(profile -> database.preparedQuery(READ).execute(Tuple.of(network, profile)))
                .map(rows -> ApiResponse.ok(answer(network, rows.iterator().hasNext() ? rows.iterator().next() : null)));
    }

    private static Map<String, Object> answer(String network, Row row) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String outcome : new String[] { "stored", "parse_error", "dead_letter", "duplicate" }) {
            counts.put(outcome, row == null ? 0L : row.getLong(outcome));
        }
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("network", network);
        health.put("counts", counts);
        health.put("last_success_at", row == null ? null : iso(row.getOffsetDateTime("last_success_at")));
        health.put("last_error_at", row == null ? null : iso(row.getOffsetDateTime("last_error_at")));
        health.put("last_error", row == null ? null : row.getString("last_error"));
        return health;
    }

    private static String iso(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
