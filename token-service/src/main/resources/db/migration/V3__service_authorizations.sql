-- Service authorizations (SPEC §2.7, TagoIO's /serviceauth): `at` and 32 hex characters (128 random bits), held by
-- a network server's webhook to say which profile an uplink or a resolve belongs to. Looked up only by their
-- SHA-256, like network tokens; revoking one deletes its row.
CREATE TABLE service_authorizations (
    token_hash             char(64) PRIMARY KEY,
    token_hint             varchar(12)  NOT NULL,
    profile                char(24)     NOT NULL,
    name                   varchar(255) NOT NULL,
    permission             varchar(5)   NOT NULL CHECK (permission IN ('full', 'write', 'read', 'deny')),
    verification_code      varchar(255),
    additional_parameters  jsonb        NOT NULL DEFAULT '{}',
    expire_time            timestamptz,
    created_at             timestamptz  NOT NULL,
    last_authorization     timestamptz
);
CREATE INDEX service_authorizations_profile ON service_authorizations (profile, created_at);
