-- Per journey, the range of attempt starts whose error-rate spikes are still to be judged again. The sessionizer
-- marks it in the transaction that refreshes the rollups of the attempts it changed; the spike scan clears it in the
-- transaction that stores the spikes it found. A stop between the two (shutdown, crash, a failed scan) leaves the
-- range here, and the next run scans it: the spikes of committed attempts are never left unjudged.
CREATE TABLE journey_spike_scans_due (
  journey TEXT   NOT NULL PRIMARY KEY,
  from_ms BIGINT NOT NULL,
  to_ms   BIGINT NOT NULL
);
