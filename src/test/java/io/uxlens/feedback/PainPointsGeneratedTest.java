package io.uxlens.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.model.Feedback;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** Planted themes in a generated corpus come out in planted order, whatever the noise around them. */
class PainPointsGeneratedTest {
  private static final Sprint SPRINT = SprintCalendar.defaults().containing(Instant.parse("2026-11-20T12:00:00Z"));
  private static final String[] NOUNS = {"dashboard", "report", "invoice", "widget", "sidebar", "calendar",
      "avatar", "filter", "chart", "legend", "tooltip", "banner", "footer", "header", "toolbar", "badge",
      "timeline", "profile", "settings", "theme", "font", "icon", "modal", "tab", "menu", "link", "label",
      "column", "row", "cell", "map", "pin", "tag", "folder", "archive", "draft", "comment", "thread", "emoji",
      "sticker", "webhook", "token", "quota", "plan", "seat", "team", "role", "audit", "backup", "restore"};
  private static final String[] ADJECTIVES = {"odd", "ugly", "weird", "broken", "missing", "tiny", "huge",
      "misaligned", "blurry", "wrong", "annoying", "outdated"};

  @RepeatedTest(20)
  void plantedThemesRankInPlantedOrder(RepetitionInfo rep) {
    Random random = new Random(42L + rep.getCurrentRepetition());
    List<String> texts = new ArrayList<>();
    plant(texts, random, 30, "Sync fails every night", "sync fails again today",
        "The sync fails when offline", "sync fails!!");
    plant(texts, random, 20, "Stuck in a login loop", "login loop on mobile", "Login loop after reset");
    plant(texts, random, 12, "search results are irrelevant", "Irrelevant search results, useless",
        "so many irrelevant search results");
    for (int i = 0; i < 60; i++) {
      String noun1 = NOUNS[random.nextInt(NOUNS.length)];
      String noun2 = NOUNS[random.nextInt(NOUNS.length)];
      texts.add("The " + noun1 + " is " + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " and the " + noun2
          + " too");
    }
    Collections.shuffle(texts, random);
    List<Feedback> items = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      items.add(new Feedback("g" + i, "ticket", null, texts.get(i), null, null, "j", SPRINT.startMs() + i * 1000L,
          null, null, "gen"));
    }
    List<PainPoint> top = PainPoints.top(items, SPRINT, 3);
    assertThat(top).extracting(PainPoint::key)
        .containsExactly("fail sync", "login loop", "irrelev result search");
    assertThat(top).extracting(PainPoint::mentions).containsExactly(30, 20, 12);
    assertThat(top.get(0).theme()).isEqualTo("sync fails");
    assertThat(top.get(2).theme()).isEqualTo("irrelevant search results");
  }

  /** Leaving out what {@link PainPoints#mayComplain} rules out changes no ranking, and it rules out most items. */
  @RepeatedTest(5)
  void itemsThatCannotComplainCanBeLeftOutBeforeRanking(RepetitionInfo rep) {
    Random random = new Random(7L + rep.getCurrentRepetition());
    Vader vader = Vader.feedback();
    String[] kinds = {"nps", "csat", "ces", "ticket", "text"};
    String[] good = {"Love the new dashboard", "great report, thanks", "The sync works well now"};
    String[] bad = {"Sync fails every night", "Stuck in a login loop", "the invoice export is broken again",
        "report is slow and ugly", "login loop after reset"};
    List<Feedback> items = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String kind = kinds[random.nextInt(kinds.length)];
      Double score = switch (kind) {
        case "nps" -> (double) random.nextInt(11);
        case "csat" -> 1.0 + random.nextInt(5);
        case "ces" -> 1.0 + random.nextInt(7);
        default -> null;
      };
      String text = random.nextInt(5) == 0 ? null : random.nextBoolean() ? good[random.nextInt(good.length)]
          : bad[random.nextInt(bad.length)] + " " + NOUNS[random.nextInt(NOUNS.length)];
      // most items carry the sentiment ingest scored; some (older rows) do not
      Double sentiment = text == null || random.nextInt(5) == 0 ? null : vader.compound(text);
      long ts = SPRINT.previous().startMs() + (long) (random.nextDouble() * 2 * (SPRINT.endMs() - SPRINT.startMs()));
      items.add(new Feedback("f" + i, kind, score, text, null, null, "j" + random.nextInt(3), ts, sentiment, null,
          "gen"));
    }
    List<Feedback> kept = items.stream().filter(PainPoints::mayComplain).toList();
    assertThat(kept.size()).isLessThan(items.size() * 3 / 4).isGreaterThan(items.size() / 5);
    List<PainPoint> all = PainPoints.top(items, SPRINT, 10);
    assertThat(all).isNotEmpty();
    assertThat(PainPoints.top(kept, SPRINT, 10)).isEqualTo(all);
  }

  private static void plant(List<String> out, Random random, int n, String... wordings) {
    for (int i = 0; i < n; i++) {
      out.add(wordings[random.nextInt(wordings.length)]);
    }
  }
}
