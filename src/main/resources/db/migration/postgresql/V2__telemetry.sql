-- Spans from OTLP and Faro. (trace_id, span_id) identifies a span, so a retried export is stored once (looked up
-- by the writer, see V1); the unique key also holds start_ms, the partition column.
CREATE SEQUENCE spans_seq AS BIGINT;
CREATE TABLE spans (
  seq            BIGINT  NOT NULL DEFAULT nextval('spans_seq'),
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
  UNIQUE (trace_id, span_id, start_ms)
) PARTITION BY RANGE (start_ms);
ALTER SEQUENCE spans_seq OWNED BY spans.seq;
CREATE TABLE spans_default PARTITION OF spans DEFAULT;
CREATE INDEX spans_seq_idx ON spans (seq);
CREATE INDEX spans_start ON spans (start_ms);
CREATE INDEX spans_session ON spans (session_id, start_ms);

-- Client measurements (web vitals, render time, memory). id is derived from the payload: retries dedupe.
CREATE SEQUENCE measurements_seq AS BIGINT;
CREATE TABLE measurements (
  seq        BIGINT  NOT NULL DEFAULT nextval('measurements_seq'),
  id         TEXT    NOT NULL,
  session_id TEXT,
  name       TEXT    NOT NULL,
  value      DOUBLE PRECISION NOT NULL,
  unit       TEXT,
  ts         BIGINT  NOT NULL,
  context    TEXT    NOT NULL,
  UNIQUE (id, ts)
) PARTITION BY RANGE (ts);
ALTER SEQUENCE measurements_seq OWNED BY measurements.seq;
CREATE TABLE measurements_default PARTITION OF measurements DEFAULT;
CREATE INDEX measurements_seq_idx ON measurements (seq);
CREATE INDEX measurements_ts ON measurements (ts);
CREATE INDEX measurements_session ON measurements (session_id, ts);

CREATE SEQUENCE feedback_seq AS BIGINT;
CREATE TABLE feedback (
  seq        BIGINT  NOT NULL DEFAULT nextval('feedback_seq'),
  id         TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  score      DOUBLE PRECISION,
  text       TEXT,
  user_id    TEXT,
  session_id TEXT,
  journey    TEXT,
  ts         BIGINT  NOT NULL,
  sentiment  DOUBLE PRECISION,
  tags       TEXT    NOT NULL,
  source     TEXT    NOT NULL,
  UNIQUE (id, ts)
) PARTITION BY RANGE (ts);
ALTER SEQUENCE feedback_seq OWNED BY feedback.seq;
CREATE TABLE feedback_default PARTITION OF feedback DEFAULT;
CREATE INDEX feedback_seq_idx ON feedback (seq);
CREATE INDEX feedback_ts ON feedback (ts);

-- Annotations are few and kept whatever the retention: not partitioned.
CREATE TABLE annotations (
  seq      BIGSERIAL PRIMARY KEY,
  id       TEXT    NOT NULL UNIQUE,
  ts       BIGINT  NOT NULL,
  ts_end   BIGINT,
  title    TEXT    NOT NULL,
  text     TEXT,
  tags     TEXT    NOT NULL,
  source   TEXT    NOT NULL
);
CREATE INDEX annotations_ts ON annotations (ts);
