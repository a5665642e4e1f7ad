package io.uxlens.feedback;

import io.uxlens.model.Feedback;
import io.uxlens.store.ComplaintStore;
import io.uxlens.store.ComplaintStore.DayRow;
import io.uxlens.store.ComplaintStore.Item;
import io.uxlens.store.ComplaintStore.PhraseRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Complaints} from what the complaint job kept: whole days from their day rows, the partial days at a
 * sprint's edges from their phrase rows, and feedback the job has not read yet extracted here, all in one
 * snapshot, so the tallies are those of every complaint in the sprint. Mentions of a phrase are read only when the
 * ranking drafts it, texts only when it quotes one.
 */
public final class StoredComplaints extends Complaints {
  private final ComplaintStore.View view;
  private final String journey;
  private final Sprint sprint;
  private final Map<String, List<Pending>> pendingByKey = new HashMap<>();

  /** A complaint the job has not read yet, naming one phrase. */
  private record Pending(long ts, long seq, Mention mention) {}

  private StoredComplaints(ComplaintStore.View view, PainPoints rule, String journey, Sprint sprint) {
    this.view = view;
    this.journey = journey;
    this.sprint = sprint;
    Sprint before = sprint.previous();
    tally(before, (phrase, delta) -> previous.merge(phrase, delta.mentions(), Integer::sum));
    tally(sprint, this::addCurrent);
    for (Item item : view.pending(journey, before.startMs(), sprint.endMs())) {
      // read as the job reads it: scored when stored without a sentiment, masked
      Feedback f = ComplaintPhrases.prepared(item.feedback(), rule.vader());
      Double s = rule.complaintSentiment(f);
      if (s == null) {
        continue;
      }
      String text = f.text();
      boolean now = sprint.contains(f.timestamp());
      documents += now ? 1 : 0;
      for (PhraseExtractor.Phrase p : PhraseExtractor.phrases(text).values()) {
        if (!now) {
          previous.merge(p.key(), 1, Integer::sum);
          continue;
        }
        tallies.computeIfAbsent(p.key(), k -> new Tally()).add(s, rule.worded(p));
        pendingByKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(new Pending(f.timestamp(), item.seq(),
            new Mention(item.seq(), s, f.journey(), p.surface(), p.verbatim(), () -> text)));
      }
    }
  }

  /**
   * The complaints of {@code sprint} (and for the change, the sprint before) of one journey (null: all), from the
   * store: empty when its rows were written under another lexicon or rule (the job is rebuilding them) or when
   * retention may have dropped feedback of the two sprints, which only the rows can tell.
   */
  public static <R> Optional<R> read(ComplaintStore store, PainPoints rule, String journey, Sprint sprint,
      java.util.function.Function<Complaints, R> use) {
    long fingerprint = ComplaintPhrases.fingerprint(rule.vader());
    return store.read(view -> {
      if (!view.lexicon().equals(Optional.of(fingerprint))
          || view.horizon().filter(h -> h > sprint.previous().startMs()).isPresent()) {
        return Optional.empty();
      }
      return Optional.of(use.apply(new StoredComplaints(view, rule, journey, sprint)));
    });
  }

  private interface Sink {
    void add(String phrase, Tally delta);
  }

  /** Feeds each phrase's stored mentions in {@code s} to {@code sink}: whole days, then the edges' rows. */
  private void tally(Sprint s, Sink sink) {
    long firstDay = Math.floorDiv(s.startMs() + ComplaintStore.DAY - 1, ComplaintStore.DAY) * ComplaintStore.DAY;
    long endDay = Math.floorDiv(s.endMs(), ComplaintStore.DAY) * ComplaintStore.DAY;
    List<long[]> edges = new ArrayList<>();
    if (firstDay < endDay) {
      for (DayRow d : view.days(journey, firstDay, endDay)) {
        Tally t = new Tally();
        t.addEncoded(d.mentions(), d.worded(), d.sentimentSum());
        sink.add(d.phrase(), t);
      }
      edges.add(new long[] {s.startMs(), firstDay});
      edges.add(new long[] {endDay, s.endMs()});
    } else {
      edges.add(new long[] {s.startMs(), s.endMs()});
    }
    for (long[] e : edges) {
      for (PhraseRow r : view.between(journey, e[0], e[1])) {
        Tally t = new Tally();
        t.add(r.sentiment(), r.worded());
        sink.add(r.phrase(), t);
      }
    }
  }

  private void addCurrent(String phrase, Tally delta) {
    if (phrase.equals(ComplaintStore.DOCUMENT)) {
      documents += delta.mentions();
    } else {
      tallies.computeIfAbsent(phrase, k -> new Tally()).add(delta);
    }
  }

  @Override
  public List<Mention> mentions(String key) {
    List<Pending> all = new ArrayList<>();
    for (PhraseRow r : view.mentions(key, journey, sprint.startMs(), sprint.endMs())) {
      long seq = r.seq();
      all.add(new Pending(r.ts(), seq, new Mention(seq, r.sentiment(),
          r.journey().equals(ComplaintStore.NO_JOURNEY) ? null : r.journey(), r.surface(), r.verbatim(),
          () -> TextMask.mask(view.text(seq)))));
    }
    all.addAll(pendingByKey.getOrDefault(key, List.of()));
    all.sort(Comparator.comparingLong(Pending::ts).thenComparingLong(Pending::seq)); // document order
    return all.stream().map(Pending::mention).toList();
  }
}
