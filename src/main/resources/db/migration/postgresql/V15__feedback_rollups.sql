-- Per-bucket state of feedback at 1-minute, 10-minute and 1-hour resolution, per journey ('' for feedback tied to
-- none) and kind, so the feedback.volume, nps, csat, ces and sentiment panels cost buckets, not rows. items: all
-- items; scored: items with a score on their kind's scale (nps 0-10, csat 1-5, ces 1-7); high: NPS promoters (9-10)
-- or CSAT satisfied (4-5); low: NPS detractors (0-6); score_sum: the sum of CES scores; texts: items carrying a
-- sentiment; sentiments: those whose sentiment is a finite number, with sentiment_sum their exact sum (hexadecimal,
-- in units of 2^-1074, so partial sums add up to the very double a scan of the rows gives). Feedback is never
-- updated, so the rollup job adds what arrived since its cursor to every level; a store holding feedback already is
-- rolled up from seq 0 the first time it runs.
CREATE TABLE feedback_rollups (
  res_ms        BIGINT NOT NULL,
  bucket_ms     BIGINT NOT NULL,
  journey       TEXT   NOT NULL,
  kind          TEXT   NOT NULL,
  items         BIGINT NOT NULL,
  scored        BIGINT NOT NULL,
  high          BIGINT NOT NULL,
  low           BIGINT NOT NULL,
  score_sum     DOUBLE PRECISION NOT NULL,
  texts         BIGINT NOT NULL,
  sentiments    BIGINT NOT NULL,
  sentiment_sum TEXT   NOT NULL,
  PRIMARY KEY (res_ms, bucket_ms, journey, kind)
);

-- How far the feedback rollup job has read the feedback table (by seq, the arrival order).
CREATE TABLE feedback_cursor (
  name TEXT   PRIMARY KEY,
  seq  BIGINT NOT NULL
);
