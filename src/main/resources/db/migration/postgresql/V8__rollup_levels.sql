-- Rollups gain a 10-minute level (res_ms = 600000) and, in the unsplit rows, the sketches the correlation tables
-- read (latency per outcome, waits per step) in a column of their own, so KPI reads never fetch them; attempts gain last_seen_ms, when the session was last seen in the
-- attempt (spans while it waited), which those waits need. Attempts are a pure function of the stored events, so a
-- store that already holds them is rebuilt by the sessionizer: its event cursor restarts at 0 and the marker keeps
-- the seq it had reached; until the sessionizer passes it again, reads use the minute rows and the attempts table.
ALTER TABLE journey_attempts ADD COLUMN last_seen_ms BIGINT;
ALTER TABLE journey_rollups ADD COLUMN correlation BYTEA;
INSERT INTO journey_cursor (name, seq)
SELECT 'rollups_rebuild_pending', seq FROM journey_cursor WHERE name = 'events' AND seq > 0;
UPDATE journey_cursor SET seq = 0 WHERE name = 'events';
