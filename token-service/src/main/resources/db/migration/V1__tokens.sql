-- token-service (SPEC §2.7, §3.2). Network and device tokens carry 128 random bits and are looked up only by
-- their SHA-256. A device token's clear value is also kept sealed (AES-256-GCM, key from configuration) so that
-- resolve can hand it to the network server: a copy of this table without the key reveals no token.

CREATE TABLE device_tokens (
    token_hash          char(64) PRIMARY KEY,
    token_sealed        text         NOT NULL,
    token_hint          varchar(12)  NOT NULL,
    device_id           char(24)     NOT NULL,
    network_id          char(24)     NOT NULL,
    connector_id        char(24),
    profile             char(24)     NOT NULL,
    serie_number        varchar(100),
    name                varchar(255) NOT NULL,
    permission          varchar(5)   NOT NULL CHECK (permission IN ('full', 'write', 'read', 'deny')),
    expire_time         timestamptz,
    created_at          timestamptz  NOT NULL,
    last_authorization  timestamptz
);
CREATE INDEX device_tokens_device ON device_tokens (device_id, created_at);

CREATE TABLE network_tokens (
    token_hash          char(64) PRIMARY KEY,
    token_hint          varchar(12)  NOT NULL,
    network_id          char(24)     NOT NULL,
    profile             char(24)     NOT NULL,
    name                varchar(255) NOT NULL,
    permission          varchar(5)   NOT NULL CHECK (permission IN ('full', 'write', 'read', 'deny')),
    expire_time         timestamptz,
    created_at          timestamptz  NOT NULL,
    last_authorization  timestamptz
);
CREATE INDEX network_tokens_network ON network_tokens (network_id, created_at);

-- What token-service knows of the registry, from hexgate.registry.changes (never a call per request).
CREATE TABLE registry_networks (
    id           char(24) PRIMARY KEY,
    profile      char(24)     NOT NULL,
    serial_mask  varchar(100) NOT NULL DEFAULT '',
    serial_case  varchar(5)   NOT NULL DEFAULT '',
    version      bigint       NOT NULL
);

CREATE TABLE registry_devices (
    id            char(24) PRIMARY KEY,
    network_id    char(24)     NOT NULL,
    connector_id  char(24),
    profile       char(24)     NOT NULL,
    serie_number  varchar(100),
    active        boolean      NOT NULL,
    version       bigint       NOT NULL
);
CREATE INDEX registry_devices_serial ON registry_devices (network_id, serie_number) WHERE serie_number IS NOT NULL;

-- Revoked profile tokens (JWT ids), kept until the token would have expired anyway.
CREATE TABLE revoked_profile_tokens (
    jti         varchar(64) PRIMARY KEY,
    profile     char(24)    NOT NULL,
    expires_at  timestamptz,
    revoked_at  timestamptz NOT NULL
);
