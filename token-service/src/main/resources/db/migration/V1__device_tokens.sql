-- Device tokens (SPEC §2.7): random, at least 128 bits, stored only as their SHA-256.
CREATE TABLE device_tokens (
    token_hash          char(64) PRIMARY KEY,
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
CREATE INDEX device_tokens_device ON device_tokens (device_id);
CREATE INDEX device_tokens_serial ON device_tokens (network_id, serie_number) WHERE serie_number IS NOT NULL;
