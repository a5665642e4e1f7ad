package io.uxlens.journey;

import io.uxlens.model.Attempt;
import io.uxlens.model.Event;
import io.uxlens.model.JourneyEvent;
import io.uxlens.model.Measurement;
import io.uxlens.model.Span;
import io.uxlens.store.AttemptTransaction;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.SpikeStore;
import io.uxlens.store.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/**
 * Builds attempts incrementally. Each run reads what arrived since its cursor (events by seq, plus spans and
 * measurements, which change an attempt's performance), adds the sessions whose in-progress attempts are now past
 * their deadline, and recomputes those sessions from all their stored events. Recomputing a whole session is what
 * makes late and out-of-order events, and re-runs, give the same attempts; the work is proportional to the sessions
 * touched, not to history. Attempts, the minutes whose rollups they change and the cursor are committed together
 * through the single writer; a step's last write rebuilds those minutes' rollups once for the whole step.
 */
public final class Sessionizer {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sessionizer.class);
  /** Events read per step: bounds one step's memory and the length of its write transaction. */
  static final long EVENTS_PER_STEP = 50_000;
  static final int SESSIONS_PER_WRITE = 2_000;

  private final JourneyDefinitions journeys;
  private final JourneyStore store;
  private final SessionTelemetryStore telemetry;
  private final Writer writer;
  private final Set<String> eventNames;
  private final List<AttemptsListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Told after each commit what the recomputed sessions held before (by attempt id) and hold now, so counters
   * (Prometheus) can count differences only. Runs on the sessionizer thread: keep it short.
   */
  public interface AttemptsListener {
    void attemptsChanged(Map<String, Attempt> before, List<Attempt> after);

    /**
     * Called at the start of every run, before anything is read: work a stop left undone (the spike scan's ranges
     * still due) is done now, even when no new event has arrived.
     */
    default void resume() {}
  }

  public void addListener(AttemptsListener listener) {
    listeners.add(listener);
  }

  public Sessionizer(JourneyDefinitions journeys, JourneyStore store, SessionTelemetryStore telemetry, Writer writer) {
    this.journeys = journeys;
    this.store = store;
    this.telemetry = telemetry;
    this.writer = writer;
    // JS errors are read with the journey events: they count in the performance of the attempt they fall in.
    Set<String> names = new java.util.HashSet<>(journeys.eventNames());
    names.add(Event.BROWSER_EXCEPTION);
    this.eventNames = Set.copyOf(names);
  }

  /** What one run did. */
  public record RunStats(int sessions, int attempts, long eventsRead) {
    public boolean idle() {
      return sessions == 0 && eventsRead == 0;
    }
  }

  /** Catches up with everything stored now; safe to call again at any time (a re-run changes nothing). */
  public synchronized RunStats runOnce() {
    for (AttemptsListener l : listeners) {
      tell(l::resume);
    }
    JourneyStore.Cursor from = store.savedCursor();
    JourneyStore.Cursor head = store.headCursor();
    long newest = store.newestEventTime();
    Set<String> due = store.dueSessionKeys(newest);
    if (head.equals(from) && due.isEmpty()) {
      return new RunStats(0, 0, 0);
    }
    long startSeq = from.events();
    int sessions = 0;
    int attempts = 0;
    boolean first = true;
    PendingWrite pending = null;
    while (first || from.events() < head.events()) {
      JourneyStore.Cursor to = new JourneyStore.Cursor(Math.min(head.events(), from.events() + EVENTS_PER_STEP),
          head.spans(), head.measurements());
      indexSessions(to.events()); // queued behind the pending write, so it commits after it
      Set<String> keys = new LinkedHashSet<>(store.touchedSessionKeys(from, to, eventNames));
      if (first) {
        keys.addAll(due);
      }
      List<String> all = new ArrayList<>(keys);
      if (all.isEmpty()) {
        finish(pending);
        pending = commit(List.of(), List.of(), newest, to);
      }
      for (int i = 0; i < all.size(); i += SESSIONS_PER_WRITE) {
        List<String> part = all.subList(i, Math.min(all.size(), i + SESSIONS_PER_WRITE));
        // built while the writer commits the previous part: parts hold different sessions, and each write reads
        // the attempts it replaces inside its own transaction
        List<Attempt> built = build(part, newest);
        boolean last = i + SESSIONS_PER_WRITE >= all.size();
        finish(pending);
        pending = commit(part, built, newest, last ? to : null);
        attempts += built.size();
      }
      sessions += all.size();
      from = to;
      first = false;
    }
    finish(pending);
    return new RunStats(sessions, attempts, head.events() - startSeq);
  }

  /** Brings the events-by-session index up to {@code seq}, so this step's reads see every event up to it. */
  private void indexSessions(long seq) {
    try {
      AttemptTransaction.submit(writer, tx -> {
        tx.indexEventSessions(seq);
        return null;
      }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while indexing sessions", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("indexing sessions failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private List<Attempt> build(List<String> sessionKeys, long newest) {
    Map<String, List<JourneyEvent>> events = store.journeyEvents(sessionKeys, eventNames);
    List<Attempt> attempts = new ArrayList<>();
    Map<String, List<Long>> jsErrors = new java.util.HashMap<>();
    for (List<JourneyEvent> sessionEvents : events.values()) {
      attempts.addAll(AttemptBuilder.build(journeys, sessionEvents, newest));
      sessionEvents.stream().filter(e -> e.name().equals(Event.BROWSER_EXCEPTION)).forEach(e ->
          jsErrors.computeIfAbsent(e.sessionKey(), k -> new ArrayList<>()).add(e.timestamp()));
    }
    Set<String> sessionIds = new TreeSet<>();
    attempts.stream().filter(a -> a.sessionId() != null).forEach(a -> sessionIds.add(a.sessionId()));
    if (sessionIds.isEmpty()) {
      return attempts;
    }
    Map<String, List<Span>> spans = telemetry.spans(sessionIds);
    Map<String, List<Measurement>> measurements = telemetry.measurements(sessionIds);
    List<Attempt> withPerf = new ArrayList<>(attempts.size());
    for (Attempt a : attempts) {
      if (a.sessionId() == null) {
        withPerf.add(a);
        continue;
      }
      List<Span> sessionSpans = spans.getOrDefault(a.sessionId(), List.of());
      long abandonAfter = journeys.byId(a.journey()).orElseThrow().abandonAfter().toMillis();
      withPerf.add(a.withPerformance(PerformanceWindow.of(a.start(), a.windowEnd(), sessionSpans,
          measurements.getOrDefault(a.sessionId(), List.of()), jsErrors.getOrDefault(a.sessionKey(), List.of())))
          .withLastSeen(LastSeen.of(a, sessionSpans, abandonAfter))
          .withWindowSpans(windowSpans(a, sessionSpans, abandonAfter)));
    }
    return withPerf;
  }

  /**
   * The session's spans an attempt keeps ({@link Attempt#windowSpans()}), timings only, in a fixed order so a
   * recompute that read the same spans builds an equal attempt (and writes nothing).
   */
  static List<Span> windowSpans(Attempt a, List<Span> sessionSpans, long abandonAfterMs) {
    long until = a.outcome() == io.uxlens.model.Outcome.ABANDONED ? a.end() + abandonAfterMs : a.windowEnd() + 1;
    return sessionSpans.stream().filter(s -> s.start() >= a.start() && s.start() < until).map(Span::timing)
        .sorted(WINDOW_ORDER).toList();
  }

  private static final java.util.Comparator<Span> WINDOW_ORDER = java.util.Comparator.comparingLong(Span::start)
      .thenComparing(Span::name).thenComparing(s -> s.service() == null ? "" : s.service())
      .thenComparingDouble(Span::durationMs).thenComparing(Span::status)
      .thenComparing(s -> s.httpStatus() == null ? -1 : s.httpStatus());

  /** A write queued on the writer, with what its listeners are told once it has committed. */
  private record PendingWrite(java.util.concurrent.CompletableFuture<Void> done, Map<String, Attempt> before,
                              List<Attempt> stored) {}

  /** Queues the write of these sessions' attempts (and the cursor, on a step's last write); see {@link #finish}. */
  private PendingWrite commit(List<String> sessionKeys, List<Attempt> built, long newest, JourneyStore.Cursor cursor) {
    Map<String, Attempt> before = new java.util.HashMap<>();
    List<Attempt> stored = new ArrayList<>(); // what the sessions hold after the commit (RetainedAttempts)
    return new PendingWrite(AttemptTransaction.submit(writer, tx -> {
      long horizon = tx.retentionHorizon();
      List<Attempt> old = tx.attemptsOfSessions(sessionKeys);
      List<Attempt> now = RetainedAttempts.merge(old, built, horizon, newest);
      Set<String> unchanged = RetainedAttempts.unchangedIds(old, now);
      List<Attempt> removed = new ArrayList<>();
      List<Attempt> added = new ArrayList<>();
      Set<Rollups.BucketKey> dirty = new TreeSet<>();
      // an older store's rollups being rebuilt (V8): every minute read is rebuilt, changed attempts or not
      boolean rebuilding = tx.rollupsRebuilding();
      for (Attempt a : old) {
        before.put(a.id(), a);
        if (!unchanged.contains(a.id())) {
          removed.add(a);
        }
        if (rebuilding || !unchanged.contains(a.id())) {
          dirty.add(Rollups.minuteOf(a.journey(), a.start()));
        }
      }
      for (Attempt a : now) {
        if (!unchanged.contains(a.id())) {
          added.add(a);
          dirty.add(Rollups.minuteOf(a.journey(), a.start()));
        }
      }
      stored.addAll(now);
      tx.changeAttempts(removed, added);
      tx.markDirtyMinutes(dirty.stream().map(k -> Map.entry(k.journey(), k.bucket())).toList());
      if (cursor != null) {
        // the step's last write: its minutes are rebuilt once, however many writes of the step touched them
        Set<Rollups.BucketKey> minutes = new TreeSet<>();
        tx.takeDirtyMinutes().forEach(m -> minutes.add(new Rollups.BucketKey(m.getKey(), m.getValue())));
        Rollups.refresh(tx, journeys, minutes, rebuilding);
        tx.markSpikeScansDue(spikeRanges(minutes));
        tx.saveCursor(cursor);
      }
      return null;
    }), before, stored);
  }

  /** Per journey, the first and last of these minutes: where its error-rate spikes are to be judged again. */
  private static List<SpikeStore.Due> spikeRanges(Set<Rollups.BucketKey> minutes) {
    Map<String, long[]> ranges = new java.util.TreeMap<>();
    for (Rollups.BucketKey m : minutes) {
      long[] r = ranges.computeIfAbsent(m.journey(), j -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      r[0] = Math.min(r[0], m.bucket());
      r[1] = Math.max(r[1], m.bucket());
    }
    List<SpikeStore.Due> out = new ArrayList<>();
    ranges.forEach((journey, r) -> out.add(new SpikeStore.Due(journey, r[0], r[1] + Rollups.MINUTE - 1)));
    return out;
  }

  /** Waits for a queued write to commit, then tells the listeners (nothing when {@code pending} is null). */
  private void finish(PendingWrite pending) {
    if (pending == null) {
      return;
    }
    try {
      pending.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while saving attempts", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("saving attempts failed: " + e.getCause().getMessage(), e.getCause());
    }
    for (AttemptsListener l : listeners) {
      tell(() -> l.attemptsChanged(pending.before(), pending.stored()));
    }
  }

  /** A listener's failure is logged, never the sessionizer's: the attempts are committed whatever it does. */
  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        // stopping: what the listener had to do is still due in the store (spike scans) or starts afresh (counters)
        LOG.info("attempts listener stopped by shutdown: {}", e.getMessage());
      } else {
        LOG.warn("attempts listener failed", e);
      }
    }
  }
}
