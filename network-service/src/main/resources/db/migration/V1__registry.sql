-- The registry of network-service (SPEC §2.2-2.6). Ids are 24 lowercase hex characters.
-- Nested values (parameters, serial format, tags, params) are JSON kept as text: read and written whole by
-- network-service, never queried inside (Hibernate Reactive cannot bind JSON arrays to jsonb).

CREATE TABLE networks (
    id                 char(24) PRIMARY KEY,
    profile            char(24)      NOT NULL,
    name               varchar(255)  NOT NULL,
    description        varchar(500),
    documentation_url  varchar(2048),
    icon_url           varchar(2048),
    logo_url           varchar(2048),
    banner_url         varchar(2048),
    serial_number      text,
    device_parameters  text          NOT NULL DEFAULT '[]',
    payload_decoder    text,
    is_public          boolean       NOT NULL DEFAULT false,
    version            bigint        NOT NULL DEFAULT 1,
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL
);
CREATE INDEX networks_profile ON networks (profile);
CREATE INDEX networks_public ON networks (is_public) WHERE is_public;

CREATE TABLE connectors (
    id                 char(24) PRIMARY KEY,
    profile            char(24)      NOT NULL,
    name               varchar(255)  NOT NULL,
    description        varchar(500),
    logo_url           varchar(2048),
    device_parameters  text          NOT NULL DEFAULT '[]',
    payload_decoder    text,
    install_text       text,
    install_end_text   text,
    device_annotation  text,
    is_public          boolean       NOT NULL DEFAULT false,
    version            bigint        NOT NULL DEFAULT 1,
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL
);
CREATE INDEX connectors_profile ON connectors (profile);

CREATE TABLE connector_networks (
    connector_id  char(24) NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    network_id    char(24) NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    PRIMARY KEY (connector_id, network_id)
);
CREATE INDEX connector_networks_network ON connector_networks (network_id);

CREATE TABLE devices (
    id               char(24) PRIMARY KEY,
    profile          char(24)      NOT NULL,
    name             varchar(255)  NOT NULL,
    network_id       char(24)      NOT NULL REFERENCES networks (id),
    connector_id     char(24)      NOT NULL REFERENCES connectors (id),
    serie_number     varchar(100),
    connector_parse  boolean       NOT NULL DEFAULT true,
    payload_decoder  text,
    active           boolean       NOT NULL DEFAULT true,
    tags             text          NOT NULL DEFAULT '[]',
    params           text          NOT NULL DEFAULT '[]',
    version          bigint        NOT NULL DEFAULT 1,
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    last_input       timestamptz
);
CREATE INDEX devices_profile ON devices (profile);
CREATE INDEX devices_network ON devices (network_id);
CREATE INDEX devices_connector ON devices (connector_id);
-- A serial number is unique per (network, profile): SPEC §2.4.
CREATE UNIQUE INDEX devices_serial ON devices (network_id, profile, serie_number) WHERE serie_number IS NOT NULL;

-- Who a network or connector is shared with (read and create devices; never change or delete).
CREATE TABLE shares (
    kind         varchar(10) NOT NULL CHECK (kind IN ('network', 'connector')),
    resource_id  char(24)    NOT NULL,
    profile      char(24)    NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, resource_id, profile)
);
CREATE INDEX shares_profile ON shares (profile, kind);

-- Transactional outbox of hexgate.registry.changes: written in the transaction of the change, relayed to
-- Kafka afterwards, deleted once the broker acknowledged it.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    entity_id   char(24)    NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
