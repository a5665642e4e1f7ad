-- Events from every source, in canonical form (the SQLite schema's meaning, in PostgreSQL's types).
-- seq is the arrival order that incremental readers follow: every ingest transaction takes one advisory lock
-- before it draws numbers (store.Writer), so seq order is commit order even with several UX Lens instances.
-- Raw tables are range-partitioned by event time, one partition per month created on demand (store.Partitions),
-- so retention drops whole partitions. A partitioned table's unique keys must hold the partition column, so the
-- key is (id, ts); the writer looks ids up before inserting, under that same lock, so an id is stored once.
CREATE SEQUENCE events_seq AS BIGINT;
CREATE TABLE events (
  seq          BIGINT  NOT NULL DEFAULT nextval('events_seq'),
  id           TEXT    NOT NULL,
  source       TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  name         TEXT,
  ts           BIGINT  NOT NULL,
  received_at  BIGINT  NOT NULL,
  user_id      TEXT,
  anonymous_id TEXT,
  session_id   TEXT,
  properties   TEXT    NOT NULL,
  context      TEXT    NOT NULL,
  UNIQUE (id, ts)
) PARTITION BY RANGE (ts);
ALTER SEQUENCE events_seq OWNED BY events.seq;
-- Rows whose time is far from now (before 1970 + a few years or over a year ahead) land here, not in a partition
-- per absurd month; retention deletes them row by row.
CREATE TABLE events_default PARTITION OF events DEFAULT;
CREATE INDEX events_seq_idx ON events (seq);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_session ON events (session_id, ts);

CREATE TABLE record_counts (
  kind TEXT   PRIMARY KEY,
  n    BIGINT NOT NULL
);
