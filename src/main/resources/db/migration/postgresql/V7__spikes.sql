-- Error-rate spikes detected per journey (correlate.SpikeScan) on a grain chosen from the journey's traffic, so
-- every panel, whatever its interval, and every reader sees the same incidents. A scan replaces the journey's rows
-- overlapping the range it judged.
CREATE TABLE journey_spikes (
  journey       TEXT             NOT NULL,
  start_ms      BIGINT           NOT NULL,  -- start of the first spike bucket
  end_ms        BIGINT           NOT NULL,  -- end of the last spike bucket (exclusive)
  grain_ms      BIGINT           NOT NULL,  -- bucket length it was judged on
  peak_rate     DOUBLE PRECISION NOT NULL,  -- error rate of the bucket with the highest z
  baseline_rate DOUBLE PRECISION NOT NULL,  -- median rate of that bucket's trailing baseline
  peak_z        DOUBLE PRECISION NOT NULL,
  attempts      BIGINT           NOT NULL,  -- finished attempts in the spike buckets
  PRIMARY KEY (journey, start_ms)
);
CREATE INDEX journey_spikes_range ON journey_spikes (start_ms, end_ms);
