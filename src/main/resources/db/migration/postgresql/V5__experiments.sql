-- Experiment exposures, one row per (experiment, unit, variant, session) holding the earliest time the unit saw
-- that variant in that session. session_id is '' when the exposure had none (a key column cannot be NULL here).
-- Replaying the same exposures leaves both tables unchanged.
CREATE TABLE experiment_exposures (
  experiment TEXT   NOT NULL,
  unit_id    TEXT   NOT NULL,
  variant    TEXT   NOT NULL,
  session_id TEXT   NOT NULL,
  first_ts   BIGINT NOT NULL,
  PRIMARY KEY (experiment, unit_id, variant, session_id)
);

-- Assignment of each unit: the variant of its earliest exposure by event time (ties: smallest variant id), so the
-- result does not depend on arrival order. A unit later seen in another variant stays here, counted once.
CREATE TABLE experiment_units (
  experiment    TEXT   NOT NULL,
  unit_id       TEXT   NOT NULL,
  variant       TEXT   NOT NULL,
  first_ts      BIGINT NOT NULL,
  first_session TEXT,
  PRIMARY KEY (experiment, unit_id)
);
CREATE INDEX experiment_units_ts ON experiment_units (experiment, first_ts);
