-- Attempts keep their session's spans that fall in their own window (from the start to the end, or for an abandoned
-- attempt to the end plus the journey's abandon_after: the waits the bottleneck tables look at), timings only, in a
-- compact binary form. The bottleneck tables name a step's backend cause from a sample of a thousand attempts; read
-- with them, those spans no longer cost a look-up of every sampled session in the spans table (half of such a
-- request). NULL: not stored (attempts from before this version); their spans are read from the spans table.
-- Attempts are a pure function of the stored events and spans, so the sessionizer fills the column by recomputing
-- every session: its event cursor restarts at 0. Unlike V8 and V19 the rollups do not change, so no rebuild marker:
-- reads keep using them meanwhile.
ALTER TABLE journey_attempts ADD COLUMN window_spans BYTEA;
UPDATE journey_cursor SET seq = 0 WHERE name = 'events';
