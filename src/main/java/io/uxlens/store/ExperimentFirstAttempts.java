package io.uxlens.store;

import io.uxlens.model.Outcome;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Each experiment unit's first attempt of each journey at or after its first exposure (table from
 * V16__experiment_first_attempts.sql): what the experiment metrics count by default, one row per unit. The rows are
 * a pure function of experiment_units and journey_attempts; every write that changes either recomputes the rows of
 * the units it touched inside its own transaction, so readers never see them out of step.
 */
public final class ExperimentFirstAttempts {
  // The same selection as the migration's backfill, narrowed to some units: attempts ordered as the raw path
  // reads them (start, then id), the first at or after the unit's first exposure.
  private static final String RECOMPUTE = """
      INSERT INTO experiment_first_attempts
        (experiment, journey, unit_id, start_ms, outcome, errored, time_on_task_s)
      SELECT experiment, journey, unit_id, start_ms, outcome, errored, time_on_task_s FROM (
        SELECT u.experiment, a.journey, u.unit_id, a.start_ms, a.outcome,
               CASE WHEN a.error_count > 0 THEN 1 ELSE 0 END AS errored, a.time_on_task_s,
               ROW_NUMBER() OVER (PARTITION BY u.experiment, a.journey, u.unit_id ORDER BY a.start_ms, a.id) AS rn
        FROM experiment_units u JOIN journey_attempts a ON a.user_id = u.unit_id AND a.start_ms >= u.first_ts
        WHERE u.unit_id IN (<units>)
      ) firsts WHERE rn = 1""";

  /** Held on PostgreSQL by a transaction while it recomputes rows, until it commits. */
  static final long REFRESH_LOCK = 0x75786c656e7310L;

  /** One unit's first attempt after exposure, as stored. */
  public record Row(String unitId, long startMs, Outcome outcome, boolean errored, Double timeOnTaskSeconds) {}

  private final Jdbi jdbi;

  public ExperimentFirstAttempts(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Recomputes the rows of these units (user ids or unit ids; nulls ignored). Writer thread, caller's transaction. */
  static void refresh(Handle h, Collection<String> units) {
    Set<String> ids = new TreeSet<>();
    for (String u : units) {
      if (u != null) {
        ids.add(u);
      }
    }
    if (ids.isEmpty()) {
      return;
    }
    if (Dialect.of(h) == Dialect.POSTGRESQL) {
      // Ingest (exposures) and the jobs (attempts) of several instances commit side by side; one at a time here,
      // each then reads what the other committed, so neither leaves a row computed without the other's change.
      h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:k)) l").bind("k", REFRESH_LOCK)
          .mapTo(Integer.class).one();
    }
    for (List<String> part : JourneyStore.inLists(ids)) {
      // only exposed units have rows (exposures are never deleted): most attempts belong to none, so find those
      // first rather than delete and recompute for every user an ingest batch touched
      List<String> exposed = h.createQuery("SELECT DISTINCT unit_id FROM experiment_units WHERE unit_id IN (<units>)")
          .bindList("units", part).mapTo(String.class).list();
      for (List<String> some : JourneyStore.inLists(exposed)) {
        h.createUpdate("DELETE FROM experiment_first_attempts WHERE unit_id IN (<units>)")
            .bindList("units", some).execute();
        h.createUpdate(RECOMPUTE).bindList("units", some).execute();
      }
    }
  }

  /** The first attempt after exposure of every unit of the experiment that attempted the journey at all. */
  public List<Row> rows(String experiment, String journey) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT unit_id, start_ms, outcome, errored, time_on_task_s FROM experiment_first_attempts
            WHERE experiment = :e AND journey = :j""")
        .bind("e", experiment).bind("j", journey)
        .map((rs, ctx) -> {
          double t = rs.getDouble(5);
          Double time = rs.wasNull() ? null : t;
          return new Row(rs.getString(1), rs.getLong(2), Outcome.ofCode(rs.getString(3)), rs.getInt(4) != 0, time);
        })
        .list());
  }

  /**
   * The latest start in [fromMs, toMs) of any attempt of the journey by a unit of the experiment first exposed
   * before {@code untilMs}, whether before or after its exposure: how far the daily series runs. Read backwards
   * along the journey's start index, stopping at the first match.
   */
  public OptionalLong latestAttemptStart(String experiment, String journey, long fromMs, long toMs, long untilMs) {
    if (toMs <= fromMs) {
      return OptionalLong.empty();
    }
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT a.start_ms FROM journey_attempts a
            WHERE a.journey = :j AND a.start_ms >= :from AND a.start_ms < :to
              AND EXISTS (SELECT 1 FROM experiment_units u
                          WHERE u.experiment = :e AND u.unit_id = a.user_id AND u.first_ts < :until)
            ORDER BY a.start_ms DESC LIMIT 1""")
        .bind("e", experiment).bind("j", journey).bind("from", fromMs).bind("to", toMs).bind("until", untilMs)
        .mapTo(Long.class).findOne().map(OptionalLong::of).orElse(OptionalLong.empty()));
  }
}
