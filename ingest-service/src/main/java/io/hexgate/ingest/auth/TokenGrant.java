package io.hexgate.ingest.auth;

/** What a verified device or network token may post for: its device (null for a network token), network, owner. */
public record TokenGrant(String kind, String device, String network, String connector, String profile, String permission) {
}
