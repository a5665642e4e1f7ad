-- Minutes whose attempts changed and whose rollups are still to be rebuilt. The sessionizer writes a step's
-- sessions in several transactions; each marks its minutes here, and the step's last one rebuilds them all once
-- (a busy minute touched by every write of a step was rebuilt by each). Marks commit with the attempts, so a crash
-- between the writes loses none.
CREATE TABLE journey_rollup_dirty (
  journey   TEXT   NOT NULL,
  minute_ms BIGINT NOT NULL,
  PRIMARY KEY (journey, minute_ms)
);
