-- The bottlenecks table names each step's backend cause from the newest attempts lost there (abandoned with the
-- step before as their last) and the newest that reached it. Along (journey, start) alone, a step few attempts
-- end at meant walking back through most of the range's attempts; along this index each last step is its own
-- range, newest first. Abandoned attempts only: a smaller index for the sessionizer to keep up to date.
CREATE INDEX journey_attempts_lost ON journey_attempts (journey, last_step_index, start_ms)
  WHERE outcome = 'abandoned';
