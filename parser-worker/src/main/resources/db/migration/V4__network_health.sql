-- Per-network ingest health (docs/networks/README.md, "Health"): what became of the uplinks of each network, per
-- profile — a built-in or shared network serves many profiles, and each sees only its own uplinks. One row per
-- (network, profile), added to once per batch; read by ingest-service's GET /integration/network/{id}/health.
CREATE TABLE network_health (
    network         text COLLATE "C" NOT NULL,
    profile         text COLLATE "C" NOT NULL,
    stored          bigint NOT NULL DEFAULT 0,
    parse_error     bigint NOT NULL DEFAULT 0,
    dead_letter     bigint NOT NULL DEFAULT 0,
    duplicate       bigint NOT NULL DEFAULT 0,
    last_success_at timestamptz,
    last_error_at   timestamptz,
    last_error      text,
    PRIMARY KEY (network, profile)
);
