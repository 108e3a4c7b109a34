-- Uplinks posted with an Idempotency-Key (docs/ingest.md): ingest-service derives the uplink id from the key, so a
-- retry carries the id of the first attempt but a received_at of its own, and its points would get other ids.
-- The first uplink of an id stores its points and claims the id here, in the same transaction; a later one within
-- the window finds the claim and stores nothing. Claims older than the window are pruned (IdempotentUplinks).
CREATE TABLE idempotent_uplinks (
    uplink      varchar(64) COLLATE "C" PRIMARY KEY,
    received_at timestamptz NOT NULL
);
CREATE INDEX idempotent_uplinks_received_at ON idempotent_uplinks (received_at);
