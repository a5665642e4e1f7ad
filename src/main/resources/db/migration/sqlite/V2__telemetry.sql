-- Spans from OTLP and Faro. (trace_id, span_id) identifies a span, so a retried export is stored once.
CREATE TABLE spans (
  seq            INTEGER PRIMARY KEY,
  trace_id       TEXT    NOT NULL,
  span_id        TEXT    NOT NULL,
  parent_span_id TEXT,
  session_id     TEXT,
  service        TEXT,
  name           TEXT    NOT NULL,
  kind           TEXT,
  start_ms       BIGINT  NOT NULL,
  duration_ms    DOUBLE PRECISION NOT NULL,
  status         TEXT    NOT NULL,
  http_status    INTEGER,
  db_system      TEXT,
  attributes     TEXT    NOT NULL,
  UNIQUE (trace_id, span_id)
);
CREATE INDEX spans_start ON spans (start_ms);
CREATE INDEX spans_session ON spans (session_id, start_ms);

-- Client measurements (web vitals, render time, memory). id is derived from the payload: retries dedupe.
CREATE TABLE measurements (
  seq        INTEGER PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  session_id TEXT,
  name       TEXT    NOT NULL,
  value      DOUBLE PRECISION NOT NULL,
  unit       TEXT,
  ts         BIGINT  NOT NULL,
  context    TEXT    NOT NULL
);
CREATE INDEX measurements_ts ON measurements (ts);
CREATE INDEX measurements_session ON measurements (session_id, ts);

CREATE TABLE feedback (
  seq        INTEGER PRIMARY KEY,
  id         TEXT    NOT NULL UNIQUE,
  kind       TEXT    NOT NULL,
  score      DOUBLE PRECISION,
  text       TEXT,
  user_id    TEXT,
  session_id TEXT,
  journey    TEXT,
  ts         BIGINT  NOT NULL,
  sentiment  DOUBLE PRECISION,
  tags       TEXT    NOT NULL,
  source     TEXT    NOT NULL
);
CREATE INDEX feedback_ts ON feedback (ts);

CREATE TABLE annotations (
  seq      INTEGER PRIMARY KEY,
  id       TEXT    NOT NULL UNIQUE,
  ts       BIGINT  NOT NULL,
  ts_end   BIGINT,
  title    TEXT    NOT NULL,
  text     TEXT,
  tags     TEXT    NOT NULL,
  source   TEXT    NOT NULL
);
CREATE INDEX annotations_ts ON annotations (ts);
