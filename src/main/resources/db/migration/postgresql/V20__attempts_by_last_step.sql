-- The bottlenecks table names each step's backend cause from the newest attempts lost there (last step = the step
-- before) and the newest that reached it. Along (journey, start) alone, a step few attempts end at meant walking
-- back through most of the range's attempts; along this index each last step is its own range, newest first.
CREATE INDEX journey_attempts_last_step ON journey_attempts (journey, last_step_index, start_ms);
