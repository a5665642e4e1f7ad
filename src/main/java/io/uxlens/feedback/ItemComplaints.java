package io.uxlens.feedback;

import io.uxlens.model.Feedback;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link Complaints} worked out from feedback items: each text's phrases extracted as the ranking reads them. */
final class ItemComplaints extends Complaints {
  private final Map<String, List<Doc>> byKey = new HashMap<>();

  /** A complaint: its place among the sprint's complaints, the item, its sentiment, its phrases by key. */
  record Doc(long index, Feedback feedback, double sentiment, Map<String, PhraseExtractor.Phrase> phrases) {}

  /** The complaints of {@code sprint} and the sprint before among {@code items}, in the items' order. */
  ItemComplaints(List<Feedback> items, Sprint sprint, PainPoints rule) {
    Sprint before = sprint.previous();
    for (Feedback f : items) {
      boolean now = sprint.contains(f.timestamp());
      if (!now && !before.contains(f.timestamp())) {
        continue;
      }
      Double s = rule.complaintSentiment(f);
      if (s == null) {
        continue;
      }
      Map<String, PhraseExtractor.Phrase> phrases = PhraseExtractor.phrases(f.text());
      if (!now) {
        phrases.keySet().forEach(k -> previous.merge(k, 1, Integer::sum));
        continue;
      }
      Doc d = new Doc(documents++, f, s, phrases);
      phrases.forEach((key, p) -> {
        tallies.computeIfAbsent(key, k -> new Tally()).add(s, rule.worded(p));
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
      });
    }
  }

  @Override
  public List<Mention> mentions(String key) {
    List<Mention> out = new ArrayList<>();
    for (Doc d : byKey.getOrDefault(key, List.of())) {
      PhraseExtractor.Phrase p = d.phrases.get(key);
      String text = d.feedback.text();
      out.add(new Mention(d.index, d.sentiment, d.feedback.journey(), p.surface(), p.verbatim(),
          () -> text));
    }
    return out;
  }
}
