package io.uxlens.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Which events belong to which session key ({@code JourneyEvent.sessionKey}): an index kept beside the events
 * table rather than on it. An index on events by session takes a random page per event, and with ingest committing
 * a few batches at a time every commit rewrote hundreds of those pages (most of an ingest commit's cost). Filled
 * here in arrival order by the sessionizer, in large background transactions, it costs ingest nothing. Events with
 * seq up to the mark are indexed; readers that must see newer events read them by seq above the mark.
 */
public final class EventSessions {
  /** The mark's row in journey_cursor. */
  static final String MARK = "event_sessions";

  /** An event's session key in SQL, as JourneyEvent.sessionKey computes it (null when it has no id at all). */
  private static String key(String alias) {
    return "COALESCE(" + alias + "session_id, 'user:' || COALESCE(" + alias + "user_id, " + alias + "anonymous_id))";
  }

  private EventSessions() {}

  /** The highest event seq indexed (0 before the first run). */
  static long mark(Handle h) {
    return h.createQuery("SELECT seq FROM journey_cursor WHERE name = :n").bind("n", MARK).mapTo(Long.class)
        .findOne().orElse(0L);
  }

  /** Indexes the events with seq in (mark, upTo] and moves the mark there. Writer thread only; re-runs add nothing. */
  static void indexUpTo(Handle h, long upTo) {
    long mark = mark(h);
    if (upTo <= mark) {
      return;
    }
    h.createUpdate("INSERT INTO event_sessions (seq, session_key) SELECT seq, " + key("") + " FROM events "
            + "WHERE seq > :a AND seq <= :b AND " + key("") + " IS NOT NULL ON CONFLICT (seq) DO NOTHING")
        .bind("a", mark).bind("b", upTo).execute();
    h.createUpdate("INSERT INTO journey_cursor(name, seq) VALUES (:n, :s) ON CONFLICT (name) DO UPDATE SET seq = :s")
        .bind("n", MARK).bind("s", upTo).execute();
  }

  /** Drops the index rows of events being deleted (retention), in the same transaction. */
  static void forget(Handle h, Collection<Long> seqs) {
    for (List<Long> part : JourneyStore.inLists(seqs)) {
      h.createUpdate("DELETE FROM event_sessions WHERE seq IN (<seqs>)").bindList("seqs", part).execute();
    }
  }

  /**
   * The events of these session keys as {@code select} (a column list over events aliased {@code e}) reads them,
   * in seq order: those indexed, then those above the mark when {@code withUnindexed} (read by seq, so cheap while
   * the sessionizer keeps up).
   */
  static <T> List<T> eventsOf(Handle h, String select, Collection<String> sessionKeys, String andWhere,
                              RowMapper<T> mapper, boolean withUnindexed, Consumer<Query> binder) {
    List<T> out = new ArrayList<>();
    long mark = mark(h);
    for (List<String> part : JourneyStore.inLists(sessionKeys)) {
      // up to the mark read above, the unindexed part from just after it: the two never overlap or leave a gap,
      // whatever the sessionizer indexes between these statements
      var q = h.createQuery("SELECT " + select + " FROM event_sessions s JOIN events e ON e.seq = s.seq "
          + "WHERE s.session_key IN (<keys>) AND s.seq <= :mark" + andWhere + " ORDER BY s.seq")
          .bind("mark", mark).bindList("keys", part);
      binder.accept(q);
      q.map(mapper).forEach(out::add);
    }
    if (withUnindexed) {
      for (List<String> part : JourneyStore.inLists(sessionKeys)) {
        var q = h.createQuery("SELECT " + select + " FROM events e WHERE e.seq > :mark AND " + key("e.")
            + " IN (<keys>)" + andWhere + " ORDER BY e.seq")
            .bind("mark", mark).bindList("keys", part);
        binder.accept(q);
        q.map(mapper).forEach(out::add);
      }
    }
    return out;
  }
}
