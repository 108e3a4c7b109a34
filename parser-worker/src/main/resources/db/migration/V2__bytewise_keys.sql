-- The key columns of data.points compare bytewise (COLLATE "C") instead of by the database's locale
-- (C.UTF-8 on the local machine; libc collations cost a strcoll per comparison until PostgreSQL 17).
-- Ids are hex, variables are lowercase names: the order and equality GET /data relies on are the same,
-- and each inserted row's four B-tree descents get cheaper — about a fifth of PostgreSQL's cost per row
-- in deploy/bench/storage (docs/benchmarks.md).
-- Only the collation changes, so the rows are not rewritten; the indexes on these columns are rebuilt.

ALTER TABLE points
    ALTER COLUMN id       TYPE char(24)     COLLATE "C",
    ALTER COLUMN device   TYPE char(24)     COLLATE "C",
    ALTER COLUMN variable TYPE varchar(100) COLLATE "C";
