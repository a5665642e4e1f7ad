package io.uxlens.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.uxlens.json.Flatten;
import io.uxlens.json.Json;
import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import io.uxlens.model.JourneyEvent;
import io.uxlens.model.Outcome;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Journey attempts: the sessionizer's reads over events, and the attempts table. Writes take the writer's handle
 * (static methods); reads open their own. Rollups live in {@link JourneyRollupStore}.
 */
public final class JourneyStore {
  static final int IN_CHUNK = 500;
  /** How many samples' worth of the newest attempts {@link #newestReachingEachStep} walks. */
  static final int REACHING_WALK = 3;
  private static final String ROW_COLUMNS = "id, journey, session_key, session_id, user_id, start_ms, end_ms, "
      + "last_event_ms, deadline_ms, outcome, last_step_index, last_step_id, time_on_task_s, error_count, "
      + "error_steps, step_times, app_version, device, os, country, locale, variant, span_count, span_total_ms, "
      + "span_max_ms, db_time_ms, http_5xx, span_errors, render_ms, lcp_ms, inp_ms, cls, memory_mb, js_errors, "
      + "last_seen_ms, browser";
  /** An attempt without its window spans: what KPI and table reads need. */
  private static final String COLUMNS = ROW_COLUMNS + ", NULL AS window_spans";
  /** The whole row: the sessionizer compares what it rebuilt with it, window spans included. */
  private static final String WHOLE_ROW = ROW_COLUMNS + ", window_spans";

  /**
   * An attempt's journey progress (ids, times, outcome, steps, errors) and window spans, its context and
   * performance read as empty: what the bottleneck tables' cause samples use, a thousand attempts per request.
   */
  private static final String PROGRESS_COLUMNS = "id, journey, session_key, session_id, user_id, start_ms, end_ms, "
      + "last_event_ms, deadline_ms, outcome, last_step_index, last_step_id, error_count, error_steps, step_times, "
      + "last_seen_ms, window_spans, " + String.join(", ", java.util.stream.Stream.concat(
          io.uxlens.model.ContextDimensions.KEYS.stream(), java.util.stream.Stream.of("span_count", "span_total_ms",
              "span_max_ms", "db_time_ms", "http_5xx", "span_errors", "render_ms", "lcp_ms", "inp_ms", "cls",
              "memory_mb", "js_errors")).map(c -> "NULL AS " + c).toList());

  private final Jdbi jdbi;

  public JourneyStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** How far each input table has been read, by seq (arrival order). */
  public record Cursor(long events, long spans, long measurements) {}

  public Cursor savedCursor() {
    Map<String, Long> m = new LinkedHashMap<>();
    jdbi.useHandle(h -> h.createQuery("SELECT name, seq FROM journey_cursor")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> m.put(e.getKey(), e.getValue())));
    return new Cursor(m.getOrDefault("events", 0L), m.getOrDefault("spans", 0L), m.getOrDefault("measurements", 0L));
  }

  public Cursor headCursor() {
    return jdbi.withHandle(h -> h.createQuery("SELECT (SELECT COALESCE(MAX(seq), 0) FROM events), "
            + "(SELECT COALESCE(MAX(seq), 0) FROM spans), (SELECT COALESCE(MAX(seq), 0) FROM measurements)")
        .map((rs, ctx) -> new Cursor(rs.getLong(1), rs.getLong(2), rs.getLong(3))).one());
  }

  /**
   * How long the oldest event the sessionizer has not read yet has been stored at {@code nowMs} (by its arrival
   * time), or 0 when it has read everything: how late journey panels and journey alerts are.
   */
  public long sessionizerLagMillis(long nowMs) {
    Long oldest = jdbi.withHandle(h -> h.createQuery("SELECT received_at FROM events "
            + "WHERE seq > COALESCE((SELECT seq FROM journey_cursor WHERE name = 'events'), 0) ORDER BY seq LIMIT 1")
        .mapTo(Long.class).findOne().orElse(null));
    return oldest == null ? 0 : Math.max(0, nowMs - oldest);
  }

  static void saveCursor(Handle h, Cursor c) {
    for (Map.Entry<String, Long> e : Map.of("events", c.events(), "spans", c.spans(),
        "measurements", c.measurements()).entrySet()) {
      h.createUpdate("INSERT INTO journey_cursor(name, seq) VALUES (:n, :s) ON CONFLICT (name) DO UPDATE SET seq = :s")
          .bind("n", e.getKey()).bind("s", e.getValue()).execute();
    }
  }

  /** The newest event time stored (any event): abandonment is judged against it, never the wall clock. */
  public long newestEventTime() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(ts), 0) FROM events").mapTo(Long.class).one());
  }

  /** Sessions with journey events, spans or measurements that arrived in (from, to]. */
  public Set<String> touchedSessionKeys(Cursor from, Cursor to, Set<String> eventNames) {
    Set<String> keys = new LinkedHashSet<>();
    jdbi.useHandle(h -> {
      if (to.events() > from.events() && !eventNames.isEmpty()) {
        h.createQuery("SELECT DISTINCT session_id, user_id, anonymous_id FROM events "
                + "WHERE seq > :a AND seq <= :b AND name IN (<names>)")
            .bind("a", from.events()).bind("b", to.events()).bindList("names", List.copyOf(eventNames))
            .map((rs, ctx) -> JourneyEvent.sessionKey(rs.getString(1), rs.getString(2), rs.getString(3)))
            .forEach(keys::add);
      }
      for (String table : new String[] {"spans", "measurements"}) {
        long a = table.equals("spans") ? from.spans() : from.measurements();
        long b = table.equals("spans") ? to.spans() : to.measurements();
        if (b > a) {
          h.createQuery("SELECT DISTINCT session_id FROM " + table
                  + " WHERE seq > :a AND seq <= :b AND session_id IS NOT NULL")
              .bind("a", a).bind("b", b).mapTo(String.class).forEach(keys::add);
        }
      }
    });
    return keys;
  }

  /** Sessions holding an in-progress attempt whose abandonment deadline has passed. */
  public Set<String> dueSessionKeys(long newestSeen) {
    return new LinkedHashSet<>(jdbi.withHandle(h -> h.createQuery(
            "SELECT DISTINCT session_key FROM journey_attempts WHERE deadline_ms IS NOT NULL AND deadline_ms <= :t")
        .bind("t", newestSeen).mapTo(String.class).list()));
  }

  /**
   * Journey events of the given sessions (by session id, or {@code user:<id>} keys), grouped by session key: those
   * the session index holds, which the sessionizer fills up to its step before it reads
   * ({@link AttemptTransaction#indexEventSessions}).
   */
  public Map<String, List<JourneyEvent>> journeyEvents(Collection<String> sessionKeys, Set<String> eventNames) {
    Map<String, List<JourneyEvent>> out = new LinkedHashMap<>();
    if (eventNames.isEmpty()) {
      return out;
    }
    jdbi.useHandle(h -> EventSessions.eventsOf(h,
            "e.id, e.name, e.ts, e.session_id, e.user_id, e.anonymous_id, e.properties, e.context", sessionKeys,
            " AND e.name IN (<names>)", RowMappers::journeyEvent, false,
            q -> q.bindList("names", List.copyOf(eventNames)))
        .forEach(e -> out.computeIfAbsent(e.sessionKey(), k -> new ArrayList<>()).add(e)));
    return out;
  }

  /** Every stored attempt of these sessions, inside the writer's transaction. */
  static List<Attempt> attemptsOfSessions(Handle h, Collection<String> sessionKeys) {
    List<Attempt> out = new ArrayList<>();
    for (List<String> part : inLists(sessionKeys)) {
      h.createQuery("SELECT " + WHOLE_ROW + " FROM journey_attempts WHERE session_key IN (<keys>)")
          .bindList("keys", part).mapTo(Attempt.class).forEach(out::add);
    }
    return out;
  }

  /** Replaces every attempt of these sessions with {@code attempts}. Writer thread only. */
  static void replaceAttempts(Handle h, Collection<String> sessionKeys, List<Attempt> attempts) {
    List<Attempt> old = attemptsOfSessions(h, sessionKeys);
    Set<Attempt> kept = new HashSet<>(old);
    kept.retainAll(new HashSet<>(attempts));
    changeAttempts(h, old.stream().filter(a -> !kept.contains(a)).toList(),
        attempts.stream().filter(a -> !kept.contains(a)).toList());
  }

  /**
   * Deletes {@code removed} (by id) and inserts {@code added}: a recomputed session writes only the attempts that
   * changed (most of a busy session's attempts stay as they were). Writer thread only.
   */
  static void changeAttempts(Handle h, Collection<Attempt> removed, List<Attempt> added) {
    Set<String> users = new HashSet<>(); // whose first attempt after an exposure may change
    removed.forEach(a -> users.add(a.userId()));
    added.forEach(a -> users.add(a.userId()));
    for (List<String> part : inLists(removed.stream().map(Attempt::id).toList())) {
      h.createUpdate("DELETE FROM journey_attempts WHERE id IN (<ids>)").bindList("ids", part).execute();
    }
    insertAttempts(h, added);
    ExperimentFirstAttempts.refresh(h, users);
  }

  private static void insertAttempts(Handle h, List<Attempt> attempts) {
    if (attempts.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = h.getConnection().prepareStatement(AttemptRows.INSERT)) {
      for (Attempt a : attempts) {
        AttemptRows.addBatch(ps, a);
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new StoreException("cannot insert " + attempts.size() + " attempts", e);
    }
  }

  /** Attempts of a journey starting in [from, to), inside the writer's transaction. */
  static List<Attempt> attemptsStartingIn(Handle h, String journey, long from, long to) {
    return h.createQuery("SELECT " + COLUMNS + " FROM journey_attempts WHERE journey = :j AND start_ms >= :a "
            + "AND start_ms < :b ORDER BY start_ms, id")
        .bind("j", journey).bind("a", from).bind("b", to).mapTo(Attempt.class).list();
  }

  /** Attempts of a journey starting in [from, to) whose context matches every filter (equality). */
  public List<Attempt> attempts(String journey, long from, long to, Map<String, String> filters) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
        + " FROM journey_attempts WHERE journey = :j AND start_ms >= :a AND start_ms < :b");
    filters.keySet().forEach(k -> {
      ContextDimensions.requireKnown(k);
      sql.append(" AND ").append(k).append(" = :f_").append(k);
    });
    sql.append(" ORDER BY start_ms, id");
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql.toString()).bind("j", journey).bind("a", from).bind("b", to);
      filters.forEach((k, v) -> q.bind("f_" + k, v));
      return q.mapTo(Attempt.class).list();
    });
  }

  /**
   * The newest {@code limit} abandoned attempts of a journey starting in [from, to) whose last step reached is
   * {@code lastStep}: those lost at the step after it. Read backwards along their own partial index (V20), so a
   * step few attempts end at costs no walk through the others.
   */
  public List<Attempt> newestAbandonedAt(String journey, long from, long to, int lastStep, int limit) {
    return jdbi.withHandle(h -> {
      // without statistics SQLite prefers the (journey, start) index: name the one this needs
      String index = Dialect.of(h) == Dialect.SQLITE ? " INDEXED BY journey_attempts_lost" : "";
      return h.createQuery("SELECT " + PROGRESS_COLUMNS + " FROM journey_attempts" + index + " WHERE journey = :j "
              // a literal, not a parameter: only then may the partial index (WHERE outcome = 'abandoned') serve
              + "AND last_step_index = :s AND start_ms >= :a AND start_ms < :b AND outcome = '"
              + Outcome.ABANDONED.code() + "' "
              + "ORDER BY start_ms DESC LIMIT :n")
          .bind("j", journey).bind("s", lastStep).bind("a", from).bind("b", to).bind("n", limit)
          .mapTo(Attempt.class).list();
    });
  }

  /**
   * For each step i from 1 to {@code steps} - 1, the newest {@code limit} finished attempts of a journey starting in
   * [from, to) that reached step i or further (index 0 is empty). An attempt that reached step 3 also reached steps 1
   * and 2, so the steps' samples overlap: one walk backwards through the newest {@value #REACHING_WALK} x
   * {@code limit} attempts fills every step most attempts reach; a deeper step it leaves short is read on its own,
   * filtered by the database, so data where few attempts go far costs no long walk.
   */
  public List<List<Attempt>> newestReachingEachStep(String journey, long from, long to, int steps, int limit) {
    List<List<Attempt>> out = new ArrayList<>();
    for (int i = 0; i < Math.max(steps, 1); i++) {
      out.add(new ArrayList<>());
    }
    if (steps < 2 || limit <= 0) {
      return out;
    }
    int walk = REACHING_WALK * limit;
    List<Attempt> newest = jdbi.withHandle(h -> h.createQuery("SELECT " + PROGRESS_COLUMNS + " FROM journey_attempts "
            + "WHERE journey = :j AND +last_step_index >= 1 AND start_ms >= :a AND start_ms < :b AND outcome <> :open "
            + "ORDER BY start_ms DESC LIMIT :n")
        .bind("j", journey).bind("a", from).bind("b", to).bind("open", Outcome.IN_PROGRESS.code()).bind("n", walk)
        .mapTo(Attempt.class).list());
    for (Attempt a : newest) {
      for (int i = 1; i <= Math.min(a.lastStepIndex(), steps - 1); i++) {
        if (out.get(i).size() < limit) {
          out.get(i).add(a);
        }
      }
    }
    for (int i = 1; i < steps; i++) {
      if (out.get(i).size() < limit && newest.size() == walk) { // short, and the walk did not see every attempt
        out.set(i, newestReached(journey, from, to, i, limit));
      }
    }
    return out;
  }

  /**
   * The newest {@code limit} finished attempts of a journey starting in [from, to) that reached step
   * {@code minStep} or further: read backwards along the (journey, start) index (the unary + keeps SQLite off the
   * partial index of abandoned attempts).
   */
  private List<Attempt> newestReached(String journey, long from, long to, int minStep, int limit) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + PROGRESS_COLUMNS
            + " FROM journey_attempts WHERE journey = :j AND +last_step_index >= :s AND start_ms >= :a "
            + "AND start_ms < :b AND outcome <> :open "
            + "ORDER BY start_ms DESC LIMIT :n")
        .bind("j", journey).bind("s", minStep).bind("a", from).bind("b", to)
        .bind("open", Outcome.IN_PROGRESS.code()).bind("n", limit).mapTo(Attempt.class).list());
  }

  /** Every stored attempt of one session key, in start order. */
  public List<Attempt> attemptsOfSession(String sessionKey) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
            + " FROM journey_attempts WHERE session_key = :k ORDER BY journey, start_ms")
        .bind("k", sessionKey).mapTo(Attempt.class).list());
  }

  public long attemptCount() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM journey_attempts").mapTo(Long.class).one());
  }

  /**
   * The values split into lists for {@code IN (<list>)}, each padded to a power of two (or {@link #IN_CHUNK}) by
   * repeating its last value, which changes no IN test: Jdbi parses each distinct statement text once and caches
   * it, and a list of any length made a new text each time (the parse was a tenth of the writer's time in ingest).
   */
  static <T> List<List<T>> inLists(Collection<T> all) {
    List<List<T>> out = new ArrayList<>();
    List<T> list = List.copyOf(all);
    for (int i = 0; i < list.size(); i += IN_CHUNK) {
      List<T> part = new ArrayList<>(list.subList(i, Math.min(list.size(), i + IN_CHUNK)));
      int size = Math.min(IN_CHUNK, Integer.highestOneBit(part.size() * 2 - 1));
      T last = part.get(part.size() - 1);
      while (part.size() < size) {
        part.add(last);
      }
      out.add(part);
    }
    return out;
  }

}
