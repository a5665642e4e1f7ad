-- Events from every source, in canonical form. seq is the arrival order that incremental readers follow.
CREATE TABLE events (
  seq          INTEGER PRIMARY KEY,
  id           TEXT    NOT NULL UNIQUE,
  source       TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  name         TEXT,
  ts           BIGINT  NOT NULL,
  received_at  BIGINT  NOT NULL,
  user_id      TEXT,
  anonymous_id TEXT,
  session_id   TEXT,
  properties   TEXT    NOT NULL,
  context      TEXT    NOT NULL
);
CREATE INDEX events_ts ON events (ts);
CREATE INDEX events_session ON events (session_id, ts);

CREATE TABLE record_counts (
  kind TEXT   PRIMARY KEY,
  n    BIGINT NOT NULL
);
