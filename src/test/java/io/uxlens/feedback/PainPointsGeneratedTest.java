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

  private static void plant(List<String> out, Random random, int n, String... wordings) {
    for (int i = 0; i < n; i++) {
      out.add(wordings[random.nextInt(wordings.length)]);
    }
  }
}
