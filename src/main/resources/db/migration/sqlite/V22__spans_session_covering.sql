-- The spans of a session as the sessionizer and the correlation tables read them, answered from the index alone:
-- the columns they use follow the session and time, so a session's spans are one range of index pages instead of
-- a table lookup per span. It replaces spans_session, whose columns lead it.
CREATE INDEX IF NOT EXISTS spans_session_cover
  ON spans (session_id, start_ms, service, name, duration_ms, status, http_status, db_system);
DROP INDEX IF EXISTS spans_session;
