-- Each experiment unit's first attempt of each journey at or after its first exposure (ties: smallest attempt id),
-- the one attempt per unit the experiment metrics count by default, so they read one row per unit instead of
-- joining every attempt with every assignment. Kept in step in the transactions that change either side: the
-- exposure write, the sessionizer's attempt replacement and retention's attempt deletes. Attempts without a
-- user id are never joined, as before.
CREATE TABLE experiment_first_attempts (
  experiment     TEXT    NOT NULL,
  journey        TEXT    NOT NULL,
  unit_id        TEXT    NOT NULL,
  start_ms       BIGINT  NOT NULL,
  outcome        TEXT    NOT NULL,   -- completed | abandoned | in_progress
  errored        INTEGER NOT NULL,   -- 1 when the attempt had an error
  time_on_task_s DOUBLE PRECISION,   -- completed only
  PRIMARY KEY (experiment, journey, unit_id)
);
CREATE INDEX experiment_first_attempts_unit ON experiment_first_attempts (unit_id);
CREATE INDEX experiment_first_attempts_start ON experiment_first_attempts (journey, start_ms);

-- What keeps it in step looks units up by id alone, and their attempts by user.
CREATE INDEX experiment_units_unit ON experiment_units (unit_id);
CREATE INDEX journey_attempts_user ON journey_attempts (user_id, journey, start_ms);

-- The variants seen per experiment, so listing experiments does not scan every exposure.
CREATE TABLE experiment_variants (
  experiment TEXT NOT NULL,
  variant    TEXT NOT NULL,
  PRIMARY KEY (experiment, variant)
);

-- A store that already holds exposures and attempts starts with both filled.
INSERT INTO experiment_variants (experiment, variant)
SELECT DISTINCT experiment, variant FROM experiment_exposures;

INSERT INTO experiment_first_attempts (experiment, journey, unit_id, start_ms, outcome, errored, time_on_task_s)
SELECT experiment, journey, unit_id, start_ms, outcome, errored, time_on_task_s FROM (
  SELECT u.experiment, a.journey, u.unit_id, a.start_ms, a.outcome,
         CASE WHEN a.error_count > 0 THEN 1 ELSE 0 END AS errored, a.time_on_task_s,
         ROW_NUMBER() OVER (PARTITION BY u.experiment, a.journey, u.unit_id ORDER BY a.start_ms, a.id) AS rn
  FROM experiment_units u JOIN journey_attempts a ON a.user_id = u.unit_id AND a.start_ms >= u.first_ts
) firsts WHERE rn = 1;
