-- Events are found by session through event_sessions (seq -> session key: the session id, or 'user:<id>' for events
-- without one), filled in arrival order by the sessionizer in its own large transactions up to the mark
-- 'event_sessions' in journey_cursor. It replaces the indexes on events by session and by user: each took a random
-- page per event, and with ingest committing a few batches at a time, rewriting those pages was most of the cost of
-- every ingest commit. A store that already holds events starts fully indexed.
CREATE TABLE event_sessions (
  seq         BIGINT  PRIMARY KEY,
  session_key TEXT    NOT NULL
);
INSERT INTO event_sessions (seq, session_key)
  SELECT seq, COALESCE(session_id, 'user:' || COALESCE(user_id, anonymous_id)) FROM events
  WHERE COALESCE(session_id, user_id, anonymous_id) IS NOT NULL;
CREATE INDEX event_sessions_key ON event_sessions (session_key, seq);
-- (no mark on an empty store: an empty database stays empty, as `uxlens migrate` wants its target)
INSERT INTO journey_cursor (name, seq) SELECT 'event_sessions', MAX(seq) FROM events HAVING COUNT(*) > 0;
DROP INDEX events_session;
DROP INDEX events_user_nosession;
DROP INDEX events_anon_nosession;
