-- Journey attempts built by the sessionizer from events (DESIGN.md "Journeys"). One row per attempt; a session's
-- rows are replaced whenever the session is recomputed, so rows are a pure function of the stored events.
CREATE TABLE journey_attempts (
  id              TEXT    PRIMARY KEY,
  journey         TEXT    NOT NULL,
  session_key     TEXT    NOT NULL,   -- session id, or 'user:<id>' for events without a session
  session_id      TEXT,
  user_id         TEXT,
  start_ms        BIGINT  NOT NULL,
  end_ms          BIGINT,             -- success time, or last event time when abandoned; null while in progress
  last_event_ms   BIGINT  NOT NULL,
  deadline_ms     BIGINT,             -- in progress only: when it becomes abandoned
  outcome         TEXT    NOT NULL,   -- completed | abandoned | in_progress
  last_step_index INTEGER NOT NULL,
  last_step_id    TEXT    NOT NULL,
  time_on_task_s  DOUBLE PRECISION,   -- completed only
  error_count     INTEGER NOT NULL,
  error_steps     TEXT    NOT NULL,   -- JSON array: step id reached when each error happened
  step_times      TEXT    NOT NULL,   -- JSON array: epoch ms each step was first reached, in order
  app_version     TEXT,
  device          TEXT,
  os              TEXT,
  country         TEXT,
  locale          TEXT,
  variant         TEXT,
  span_count      INTEGER NOT NULL,
  span_total_ms   DOUBLE PRECISION NOT NULL,
  span_max_ms     DOUBLE PRECISION NOT NULL,
  db_time_ms      DOUBLE PRECISION NOT NULL,
  http_5xx        INTEGER NOT NULL,
  span_errors     INTEGER NOT NULL,
  render_ms       DOUBLE PRECISION,
  lcp_ms          DOUBLE PRECISION,
  inp_ms          DOUBLE PRECISION,
  cls             DOUBLE PRECISION,
  memory_mb       DOUBLE PRECISION
);
CREATE INDEX journey_attempts_session ON journey_attempts (session_key);
CREATE INDEX journey_attempts_start ON journey_attempts (journey, start_ms);
CREATE INDEX journey_attempts_due ON journey_attempts (deadline_ms) WHERE deadline_ms IS NOT NULL;

-- Per-bucket KPI state (counts + DDSketches, see KpiAccumulator) at 1-minute and 1-hour resolution, for all
-- attempts (dim = '') and per value of each context dimension. Rebuilt for the buckets a run touched.
CREATE TABLE journey_rollups (
  journey    TEXT   NOT NULL,
  res_ms     BIGINT NOT NULL,
  dim        TEXT   NOT NULL,
  dim_value  TEXT   NOT NULL,
  bucket_ms  BIGINT NOT NULL,
  attempts   BIGINT NOT NULL,
  completed  BIGINT NOT NULL,
  abandoned  BIGINT NOT NULL,
  state      BYTEA   NOT NULL,
  PRIMARY KEY (journey, res_ms, bucket_ms, dim, dim_value)
);
CREATE INDEX journey_rollups_range ON journey_rollups (journey, res_ms, dim, bucket_ms);

-- How far the sessionizer has read each input table (by seq, the arrival order).
CREATE TABLE journey_cursor (
  name TEXT   PRIMARY KEY,
  seq  BIGINT NOT NULL
);

-- Events without a session are sessionized by user.
CREATE INDEX events_user_nosession ON events (user_id, ts) WHERE session_id IS NULL;
CREATE INDEX events_anon_nosession ON events (anonymous_id, ts) WHERE session_id IS NULL AND user_id IS NULL;
