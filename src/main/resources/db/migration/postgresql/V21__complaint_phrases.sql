-- The phrases of every complaint (feedback the pain points count: a support ticket, a low score or a negative
-- sentiment, with text), kept by the complaint job as feedback arrives, so feedback.pain_points ranks a sprint's
-- themes from per-day counts and reads single mentions only for the themes its table shows.
--
-- complaint_phrases: one row per complaint and phrase (stem-set key, as the pain points extract it from the masked
-- text), plus one row with phrase '' standing for the complaint itself; journey '' for feedback tied to none;
-- sentiment as the pain points see it; surface: the words as written; verbatim: 1 when written without stop words
-- inside; worded: 1 unless the phrase is one word the sentiment lexicon knows (a feeling, not a theme).
CREATE TABLE complaint_phrases (
  phrase    TEXT             NOT NULL,
  ts        BIGINT           NOT NULL,
  seq       BIGINT           NOT NULL,
  journey   TEXT             NOT NULL,
  sentiment DOUBLE PRECISION NOT NULL,
  surface   TEXT             NOT NULL,
  verbatim  SMALLINT         NOT NULL,
  worded    SMALLINT         NOT NULL,
  PRIMARY KEY (phrase, ts, seq)
);
-- the partial days at a sprint's edges, and retention's deletes
CREATE INDEX complaint_phrases_ts ON complaint_phrases (ts, seq);

-- Per UTC day, journey and phrase: mentions, those worded, and the exact sum of their sentiments (hexadecimal, in
-- units of 2^-1074, as feedback_rollups keep it), so a sprint's ranks are the very doubles its rows give.
CREATE TABLE complaint_days (
  day_ms        BIGINT NOT NULL,
  journey       TEXT   NOT NULL,
  phrase        TEXT   NOT NULL,
  mentions      BIGINT NOT NULL,
  worded        BIGINT NOT NULL,
  sentiment_sum TEXT   NOT NULL,
  PRIMARY KEY (day_ms, journey, phrase)
);
-- How far the complaint job has read the feedback table (row 'complaints', by seq), and a fingerprint of the
-- sentiment lexicon and phrase rule the rows were written with (row 'lexicon'; a server started with another
-- rebuilds them). Kept apart from feedback_cursor so that a store copy, which leaves these three tables for the job
-- to rebuild, carries no cursor for rows it did not copy.
CREATE TABLE complaint_cursor (
  name TEXT   PRIMARY KEY,
  seq  BIGINT NOT NULL
);
