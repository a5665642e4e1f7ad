package io.uxlens.feedback;

import io.uxlens.model.Feedback;
import io.uxlens.store.ComplaintStore;
import io.uxlens.store.ComplaintStore.DayRow;
import io.uxlens.store.ComplaintStore.Item;
import io.uxlens.store.ComplaintStore.PhraseRow;
import io.uxlens.store.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Keeps the complaint phrases in step with the feedback table: each run reads what arrived since the cursor (a
 * bounded chunk at a time), extracts the phrases of the complaints among it as the pain points would on read, adds
 * them to their day's counts and moves the cursor, all in one background write. Feedback never changes once stored,
 * so adding is exact. Rows written under another lexicon or phrase rule are dropped and rebuilt from the start.
 */
public final class ComplaintPhrases {
  /**
   * Bumped whenever the phrase extraction or the complaint rule changes what a text yields, so stores rebuild their
   * rows instead of mixing two rules.
   */
  static final int RULE_VERSION = 1;
  static final int CHUNK = 2_000;

  private final ComplaintStore store;
  private final Writer writer;
  private final Vader vader;
  private final PainPoints rule;
  private final long fingerprint;

  /** {@code vader}: the server's scorer, for items stored without a sentiment and for feeling words. */
  public ComplaintPhrases(ComplaintStore store, Writer writer, Vader vader) {
    this.store = Objects.requireNonNull(store);
    this.writer = Objects.requireNonNull(writer);
    this.vader = Objects.requireNonNull(vader);
    this.rule = new PainPoints(vader, PainPoints.DEFAULT_MIN_MENTIONS);
    this.fingerprint = fingerprint(vader);
  }

  /** What the stored rows depend on besides the feedback: the rule's version and the lexicon. */
  public static long fingerprint(Vader vader) {
    return 31L * vader.lexicon().fingerprint() + RULE_VERSION;
  }

  /** Extracts everything stored now; returns the feedback items read. */
  public synchronized long runOnce() {
    if (!store.lexicon().equals(Optional.of(fingerprint))) {
      await(ComplaintStore.reset(writer, fingerprint));
    }
    long read = 0;
    while (true) {
      long cursor = store.cursor();
      List<Item> items = store.after(cursor, CHUNK);
      if (items.isEmpty()) {
        return read;
      }
      List<PhraseRow> phrases = new ArrayList<>();
      Map<List<Object>, DayRow> days = new LinkedHashMap<>();
      for (Item item : items) {
        Feedback f = prepared(item.feedback(), vader);
        Double s = rule.complaintSentiment(f);
        if (s == null) {
          continue;
        }
        String journey = f.journey() == null ? ComplaintStore.NO_JOURNEY : f.journey();
        long day = Math.floorDiv(f.timestamp(), ComplaintStore.DAY) * ComplaintStore.DAY;
        phrases.add(new PhraseRow(ComplaintStore.DOCUMENT, f.timestamp(), item.seq(), journey, s, "", false, false));
        add(days, day, journey, ComplaintStore.DOCUMENT, s, false);
        for (PhraseExtractor.Phrase p : PhraseExtractor.phrases(f.text()).values()) {
          boolean worded = rule.worded(p);
          phrases.add(new PhraseRow(p.key(), f.timestamp(), item.seq(), journey, s, p.surface(), p.verbatim(),
              worded));
          add(days, day, journey, p.key(), s, worded);
        }
      }
      await(ComplaintStore.save(writer, fingerprint, phrases, new ArrayList<>(days.values()), ComplaintPhrases::sum,
          cursor, items.get(items.size() - 1).seq()));
      read += items.size();
    }
  }

  /**
   * An item as the pain points read it: scored when stored without a sentiment (before sentiment was scored at
   * ingest, its text as given), then its text masked.
   */
  public static Feedback prepared(Feedback f, Vader vader) {
    if (f.text() == null || f.text().isBlank()) {
      return f;
    }
    Double sentiment = f.sentiment() != null ? f.sentiment() : vader.compound(f.text());
    return new Feedback(f.id(), f.kind(), f.score(), TextMask.mask(f.text()), f.userId(), f.sessionId(),
        f.journey(), f.timestamp(), sentiment, f.tags(), f.source());
  }

  private static void add(Map<List<Object>, DayRow> days, long day, String journey, String phrase, double sentiment,
                          boolean worded) {
    ExactSum one = new ExactSum();
    one.add(sentiment);
    days.merge(List.of(day, journey, phrase), new DayRow(day, journey, phrase, 1, worded ? 1 : 0, one.encode()),
        ComplaintPhrases::sum);
  }

  private static DayRow sum(DayRow a, DayRow b) {
    ExactSum s = new ExactSum();
    s.addEncoded(a.sentimentSum());
    s.addEncoded(b.sentimentSum());
    return new DayRow(a.day(), a.journey(), a.phrase(), a.mentions() + b.mentions(), a.worded() + b.worded(),
        s.encode());
  }

  private static <T> T await(CompletableFuture<T> write) {
    try {
      return write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while saving complaint phrases", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("saving complaint phrases failed: " + e.getCause().getMessage(),
          e.getCause());
    }
  }
}
