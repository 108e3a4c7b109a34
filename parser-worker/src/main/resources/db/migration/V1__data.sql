-- The data store of parser-worker (SPEC §2.8): the data points of every device, partitioned by month of
-- ingestion. created_at is when the uplink was received, so a redelivered uplink lands in the same
-- partition as before and (id, created_at) finds it: storage is idempotent (SPEC §5).
-- A value is a number, a string or a boolean: one of the three value columns is set (or none).

CREATE TABLE points (
    id             char(24)          NOT NULL,
    device         char(24)          NOT NULL,
    variable       varchar(100)      NOT NULL,
    value_number   double precision,
    value_string   text,
    value_boolean  boolean,
    unit           varchar(25),
    group_id       varchar(100)      NOT NULL,
    time           timestamptz       NOT NULL,
    lng            double precision,
    lat            double precision,
    metadata       jsonb,
    serial         varchar(100),
    created_at     timestamptz       NOT NULL,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

-- GET /data: by variable over time, all variables over time, last_insert.
CREATE INDEX points_device_variable_time ON points (device, variable, time DESC);
CREATE INDEX points_device_time ON points (device, time DESC);
CREATE INDEX points_device_created ON points (device, created_at DESC);

-- Rows outside the monthly partitions PointPartitions creates ahead of time (a clock far off, say).
CREATE TABLE points_default PARTITION OF points DEFAULT;
