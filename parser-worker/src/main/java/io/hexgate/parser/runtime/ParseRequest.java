package io.hexgate.parser.runtime;

import java.time.Duration;
import java.util.List;

/**
 * One run of parsers on one uplink.
 *
 * @param body          the body as received ({@code raw_payload})
 * @param contentType   its content type (JSON bodies become the {@code payload} array)
 * @param payloadJson   the payload to start from instead of the body (a network-level uplink continues after
 *                      its network stage); null to derive it from the body
 * @param deviceJson    the {@code device} global, as JSON
 * @param stages        the parsers to run, in order
 * @param budget        the wall-clock budget of each stage
 * @param recordStages  whether each stage's output is kept (parser test runs)
 * @param serial        the serial the run starts with (the one a webhook's URL names), or null
 * @param profile       whose uplink it is: a parser's quarantine is that profile's (a parser shared by many profiles
 *                      — a built-in network's, a public connector's — is never set aside for all by one); null for none
 * @param continuation  what the run does after its stages (a network-level uplink's device stages), or null
 */
public record ParseRequest(String body, String contentType, String payloadJson, String deviceJson,
                           List<ParserScript> stages, Duration budget, boolean recordStages, String serial,
                           String profile, Continuation continuation) {

    /** A run that ends after its stages. */
    public ParseRequest(String body, String contentType, String payloadJson, String deviceJson,
                        List<ParserScript> stages, Duration budget, boolean recordStages, String serial, String profile) {
        this(body, contentType, payloadJson, deviceJson, stages, budget, recordStages, serial, profile, null);
    }

    /** A run of no profile that starts with no serial. */
    public ParseRequest(String body, String contentType, String payloadJson, String deviceJson,
                        List<ParserScript> stages, Duration budget, boolean recordStages) {
        this(body, contentType, payloadJson, deviceJson, stages, budget, recordStages, null, null, null);
    }
}
