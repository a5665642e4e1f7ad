package io.uxlens.store;

import io.uxlens.model.Assignment;
import io.uxlens.model.Exposure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Experiment exposures and unit assignments (tables from V5__experiments.sql). Inserts are idempotent and
 * independent of arrival order: a unit is assigned to the variant of its earliest exposure by event time.
 */
public final class ExposureStore {
  public static final String KIND = "exposures";

  private static final String INSERT_EXPOSURE = """
      INSERT INTO experiment_exposures (experiment, unit_id, variant, session_id, first_ts)
      VALUES (:experiment, :unitId, :variant, :session, :ts)
      ON CONFLICT (experiment, unit_id, variant, session_id) DO NOTHING""";
  private static final String EARLIER_EXPOSURE = """
      UPDATE experiment_exposures SET first_ts = :ts
      WHERE experiment = :experiment AND unit_id = :unitId AND variant = :variant AND session_id = :session
        AND first_ts > :ts""";
  // A later-arriving but earlier exposure takes the assignment over; equal times fall to the smaller variant,
  // then the smaller session, so every arrival order ends in the same row.
  private static final String ASSIGN = """
      INSERT INTO experiment_units (experiment, unit_id, variant, first_ts, first_session)
      VALUES (:experiment, :unitId, :variant, :ts, :firstSession)
      ON CONFLICT (experiment, unit_id) DO UPDATE
        SET variant = excluded.variant, first_ts = excluded.first_ts, first_session = excluded.first_session
      WHERE excluded.first_ts < experiment_units.first_ts
         OR (excluded.first_ts = experiment_units.first_ts AND (excluded.variant < experiment_units.variant
             OR (excluded.variant = experiment_units.variant
                 AND COALESCE(excluded.first_session, '') < COALESCE(experiment_units.first_session, ''))))""";

  private final Jdbi jdbi;

  public ExposureStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Stores exposures inside the caller's transaction (the Segment write, on the writer thread); returns how many
   * (experiment, unit, variant, session) rows were new. Safe to repeat with the same exposures.
   */
  public static int insert(Handle h, List<Exposure> exposures) {
    if (exposures.isEmpty()) {
      return 0;
    }
    PreparedBatch insert = h.prepareBatch(INSERT_EXPOSURE);
    PreparedBatch earlier = h.prepareBatch(EARLIER_EXPOSURE);
    PreparedBatch assign = h.prepareBatch(ASSIGN);
    for (Exposure e : exposures) {
      String session = e.sessionId() == null ? "" : e.sessionId();
      insert.bind("experiment", e.experiment()).bind("unitId", e.unitId()).bind("variant", e.variant())
          .bind("session", session).bind("ts", e.timestamp()).add();
      earlier.bind("experiment", e.experiment()).bind("unitId", e.unitId()).bind("variant", e.variant())
          .bind("session", session).bind("ts", e.timestamp()).add();
      assign.bind("experiment", e.experiment()).bind("unitId", e.unitId()).bind("variant", e.variant())
          .bind("ts", e.timestamp()).bind("firstSession", e.sessionId()).add();
    }
    PreparedBatch variants = h.prepareBatch(
        "INSERT INTO experiment_variants (experiment, variant) VALUES (:experiment, :variant) ON CONFLICT DO NOTHING");
    for (Exposure e : exposures) {
      variants.bind("experiment", e.experiment()).bind("variant", e.variant()).add();
    }
    int inserted = RecordInserts.inserted(insert.execute());
    earlier.execute();
    int[] assigned = assign.execute();
    variants.execute();
    // a unit whose assignment is new or moved earlier has other attempts after its exposure now
    Set<String> moved = new TreeSet<>();
    for (int i = 0; i < assigned.length; i++) {
      if (assigned[i] != 0) {
        moved.add(exposures.get(i).unitId());
      }
    }
    ExperimentFirstAttempts.refresh(h, moved);
    RecordCounts.add(h, KIND, inserted);
    return inserted;
  }

  /** Units assigned to each variant (first exposure), optionally only those first exposed before {@code untilMs}. */
  public Map<String, Long> unitsByVariant(String experiment, Long untilMs) {
    Map<String, Long> out = new TreeMap<>();
    jdbi.useHandle(h -> h.createQuery("""
            SELECT variant, COUNT(*) FROM experiment_units
            WHERE experiment = :e AND (:until IS NULL OR first_ts < :until) GROUP BY variant""")
        .bind("e", experiment).bind("until", untilMs)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(en -> out.put(en.getKey(), en.getValue())));
    return out;
  }

  /** Units exposed to more than one variant of the experiment (each still counted once, in its first). */
  public long crossovers(String experiment) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT COUNT(*) FROM (SELECT unit_id FROM experiment_exposures WHERE experiment = :e
                                  GROUP BY unit_id HAVING COUNT(DISTINCT variant) > 1) AS x""")
        .bind("e", experiment).mapTo(Long.class).one());
  }

  /** Every unit's assignment, in order of first exposure: what the journey engine joins attempts with. */
  public List<Assignment> assignments(String experiment) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT unit_id, variant, first_ts, first_session FROM experiment_units
            WHERE experiment = :e ORDER BY first_ts, unit_id""")
        .bind("e", experiment)
        .map((rs, ctx) -> new Assignment(experiment, rs.getString(1), rs.getString(2), rs.getLong(3),
            rs.getString(4)))
        .list());
  }

  /** Experiments seen in exposures with the variants seen for each: for discovery and dashboard variables. */
  public Map<String, Set<String>> variantsSeen() {
    Map<String, Set<String>> out = new TreeMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT experiment, variant FROM experiment_variants")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(en -> out.computeIfAbsent(en.getKey(), k -> new TreeSet<>()).add(en.getValue())));
    return out;
  }

  /**
   * Newly assigned units per time bucket and variant in [fromMs, toMs), buckets aligned to multiples of
   * {@code bucketMs} since the epoch (UTC days for 86,400,000): the {@code experiment.exposures} series.
   * Keyed by bucket start, then variant.
   */
  public Map<Long, Map<String, Long>> newUnitsPerBucket(String experiment, long fromMs, long toMs, long bucketMs) {
    if (bucketMs <= 0) {
      throw new IllegalArgumentException("bucketMs must be positive");
    }
    Map<Long, Map<String, Long>> out = new TreeMap<>();
    jdbi.useHandle(h -> h.createQuery("""
            SELECT (first_ts / :b) * :b AS bucket, variant, COUNT(*) FROM experiment_units
            WHERE experiment = :e AND first_ts >= :from AND first_ts < :to
            GROUP BY bucket, variant ORDER BY bucket, variant""")
        .bind("e", experiment).bind("b", bucketMs).bind("from", fromMs).bind("to", toMs)
        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3)})
        .forEach(r -> out.computeIfAbsent((Long) r[0], k -> new LinkedHashMap<>()).put((String) r[1], (Long) r[2])));
    return out;
  }
}
