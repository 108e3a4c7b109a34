package io.hexgate.token.introspect;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.hexgate.common.auth.InactiveReason;
import io.hexgate.common.auth.TokenHeaders;
import io.hexgate.common.contract.Introspection;
import io.hexgate.common.contract.TokenKind;
import io.hexgate.token.profile.ProfileTokens;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /internal/introspect} {@code {token}} → {@link Introspection}, for ingest-service and parser-worker
 * (cluster-internal: not routed by the gateway). Unknown, expired and revoked tokens answer 200 with
 * {@code active: false}, as OAuth introspection does.
 */
@Path("/internal/introspect")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "Cluster-internal, not routed by the gateway")
public class IntrospectResource {

    @Inject
    TokenLookup lookup;

    @Inject
    ProfileTokens profileTokens;

    @POST
    @Operation(summary = "What a device, network or profile token is, and whether it is active now")
    public Uni<Introspection> introspect(Introspection.Question request) {
        String token = request == null || request.token() == null ? "" : request.token().strip();
        if (token.isEmpty()) {
            return Uni.createFrom().item(TokenInfo.inactive(InactiveReason.NO_TOKEN).forCaller());
        }
        if (TokenHeaders.looksLikeJwt(token)) {
            ProfileTokens.Verdict verdict = profileTokens.judge(token);
            return Uni.createFrom().item(verdict.refused() != null ? TokenInfo.inactive(verdict.refused()).forCaller()
                    : new Introspection(true, TokenKind.PROFILE, null, null, null, verdict.profile(), "full", null, null));
        }
        return lookup.lookup(token).map(TokenInfo::forCaller);
    }
}
