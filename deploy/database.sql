-- Hexgate's roles and schemas in one PostgreSQL database, run once by a superuser in that database
-- (idempotent). Used by the local runner (deploy/local/hexgate), docker compose (deploy/compose) and on
-- Kubernetes (docs/operations.md). Each schema belongs to the service that migrates it (Flyway at its start);
-- a service never writes another's schema (SPEC §1).
-- The passwords here equal the role names: right for a development machine. Anywhere else set real ones
-- (ALTER ROLE … PASSWORD '…') and put them in the services' Secrets.
DO $$
DECLARE r text;
BEGIN
  -- one role per schema owner, a read-only role for the data queries, a CREATEDB role for the test harness
  FOREACH r IN ARRAY ARRAY['hexgate_network','hexgate_token','hexgate_parser','hexgate_data_reader','hexgate_test'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, r);
    END IF;
  END LOOP;
  ALTER ROLE hexgate_test CREATEDB;
END $$;

CREATE SCHEMA IF NOT EXISTS registry AUTHORIZATION hexgate_network;
CREATE SCHEMA IF NOT EXISTS tokens AUTHORIZATION hexgate_token;
CREATE SCHEMA IF NOT EXISTS data AUTHORIZATION hexgate_parser;
-- ingest-service answers GET /data through a read-only role
GRANT USAGE ON SCHEMA data TO hexgate_data_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA data TO hexgate_data_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE hexgate_parser IN SCHEMA data GRANT SELECT ON TABLES TO hexgate_data_reader;
-- no service reads another's schema: parser-worker learns the registry from hexgate.registry.changes and
-- network-service's internal API, never from the registry schema
