-- Rollups gain counts-only rows for the drivers table's own dimensions (error_seen, last_step, latency_cell: the
-- attempt's mean span latency on a 1-2-5 ms grid) and a column of finished attempts that saw an error, so "What
-- changed" sums columns of buckets in SQL instead of reading attempts or decoding states. Rows are written
-- by the sessionizer, so a store that already holds attempts is rebuilt the way V8 rebuilt it: the event cursor
-- restarts at 0 and the marker keeps the seq it had reached (kept as it is when a rebuild is already pending); until
-- the sessionizer passes it again, the drivers table reads the attempts.
ALTER TABLE journey_rollups ADD COLUMN errored BIGINT NOT NULL DEFAULT 0;
-- The marker is capped at the newest stored event: the cursor can stand past it (seqs taken by rows not kept), and
-- an idle store would otherwise never see the rebuild end.
INSERT INTO journey_cursor (name, seq)
SELECT 'rollups_rebuild_pending', LEAST(seq, (SELECT COALESCE(MAX(seq), 0) FROM events)) FROM journey_cursor
WHERE name = 'events' AND seq > 0
ON CONFLICT (name) DO NOTHING;
UPDATE journey_cursor SET seq = 0 WHERE name = 'events';
-- The range index carries the count columns, so the drivers' sums over a dimension's buckets read the index alone
-- (the count columns sit after the rows' sketches, which a table read would have to step over).
DROP INDEX journey_rollups_range;
CREATE INDEX journey_rollups_range ON journey_rollups (journey, res_ms, dim, bucket_ms, dim_value, attempts, completed,
  abandoned, errored);
