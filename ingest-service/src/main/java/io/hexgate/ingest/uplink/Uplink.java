package io.hexgate.ingest.uplink;

/**
 * The value of a {@code hexgate.uplink.raw} record (SPEC §5): the body as received, with who sent it.
 * {@code device} is null for a network-level uplink (parser-worker resolves it from the serial the network
 * parser sets); {@code network_level} marks those. {@code idempotent} marks an uplink posted with an
 * Idempotency-Key, whose {@code id} derives from the key: parser-worker stores one uplink of such an id.
 */
public record Uplink(String id, String receivedAt, String device, String network, String connector, String profile,
                     String contentType, boolean networkLevel, String body, boolean idempotent) {
}
