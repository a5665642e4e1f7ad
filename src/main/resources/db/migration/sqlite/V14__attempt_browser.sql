-- Attempts gain the browser dimension (family from Faro's browser.name or the parsed Segment userAgent), rolled up
-- like the other context dimensions. Attempts are a pure function of the stored events, so a store that already
-- holds them is rebuilt by the sessionizer, as V8 did: the event cursor restarts at 0 and the marker keeps the seq
-- it had reached (unless a rebuild is already pending: its marker stays); reads use the minute rows and the attempts
-- table until the sessionizer passes it again.
ALTER TABLE journey_attempts ADD COLUMN browser TEXT;
INSERT INTO journey_cursor (name, seq)
SELECT 'rollups_rebuild_pending', seq FROM journey_cursor WHERE name = 'events' AND seq > 0
  AND NOT EXISTS (SELECT 1 FROM journey_cursor WHERE name = 'rollups_rebuild_pending');
UPDATE journey_cursor SET seq = 0 WHERE name = 'events';
