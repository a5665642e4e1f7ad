-- The spans of a session as the sessionizer and the correlation tables read them, answered from the index alone
-- (an index-only scan): the columns they use are included after the session and time. It replaces spans_session,
-- whose columns lead it. On a large store this first start after the upgrade builds it on every partition.
CREATE INDEX IF NOT EXISTS spans_session_cover ON spans (session_id, start_ms)
  INCLUDE (service, name, duration_ms, status, http_status, db_system);
DROP INDEX IF EXISTS spans_session;
