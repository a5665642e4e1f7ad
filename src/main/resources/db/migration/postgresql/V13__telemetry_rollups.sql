-- Per-bucket state of spans and measurements at 1-minute, 10-minute and 1-hour resolution, so the perf.* panels
-- cost buckets, not rows. kind 'span': count, error spans and a DDSketch of durations, for all spans (dim '') and
-- per value of service, span.name, db.system, http.status_code and span.status; kind 'measurement:<name>': count
-- and a DDSketch of values. Spans and measurements are never updated, so the rollup job merges what arrived since
-- its cursor into every level; a store that holds rows already is rolled up from seq 0 the first time it runs.
CREATE TABLE telemetry_rollups (
  kind       TEXT   NOT NULL,
  res_ms     BIGINT NOT NULL,
  dim        TEXT   NOT NULL,
  dim_value  TEXT   NOT NULL,
  bucket_ms  BIGINT NOT NULL,
  count      BIGINT NOT NULL,
  errors     BIGINT NOT NULL,
  state      BYTEA   NOT NULL,
  PRIMARY KEY (kind, res_ms, dim, bucket_ms, dim_value)
);

-- How far the rollup job has read spans and measurements (by seq, the arrival order).
CREATE TABLE telemetry_cursor (
  name TEXT   PRIMARY KEY,
  seq  BIGINT NOT NULL
);
