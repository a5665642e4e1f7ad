-- The usual quantiles of each telemetry rollup row's sketch, computed when the row is written: a panel whose
-- buckets are whole rows of one level (Grafana's 1-minute buckets over a day, 10-minute buckets over a week) reads
-- them instead of decoding a sketch per bucket. quantiles_of is the row's count when they were computed: a row
-- whose count has moved since (written by an instance older than this column) is decoded, as are rows written
-- before it (NULL), until the rollup job fills them in.
ALTER TABLE telemetry_rollups ADD COLUMN p50 DOUBLE PRECISION;
ALTER TABLE telemetry_rollups ADD COLUMN p75 DOUBLE PRECISION;
ALTER TABLE telemetry_rollups ADD COLUMN p90 DOUBLE PRECISION;
ALTER TABLE telemetry_rollups ADD COLUMN p95 DOUBLE PRECISION;
ALTER TABLE telemetry_rollups ADD COLUMN p99 DOUBLE PRECISION;
ALTER TABLE telemetry_rollups ADD COLUMN quantiles_of BIGINT;

-- Counts and stored quantiles in key order, read without the rows' sketches: the perf panels' buckets read from
-- this index alone (the table holds every dimension's rows of a minute side by side, sketches included). Not kept
-- on PostgreSQL, where an index on the columns each merge updates would stop those updates being HOT.
CREATE INDEX telemetry_rollups_read ON telemetry_rollups (kind, res_ms, dim, bucket_ms, dim_value, count, errors,
  quantiles_of, p50, p75, p90, p95, p99);
