package io.uxlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator is deterministic and its data carries the story the dashboards must reveal. */
class DemoGeneratorTest {
  static final long NOW = Instant.parse("2026-11-20T18:30:00Z").toEpochMilli();
  static List<DemoRecord> history;
  static Map<String, List<DemoRecord>> bySession;

  @BeforeAll
  static void generate() {
    history = new DemoGenerator(42, 1).history(NOW, 14).toList();
    bySession = history.stream().filter(r -> sessionOf(r) != null)
        .collect(Collectors.groupingBy(DemoGeneratorTest::sessionOf, LinkedHashMap::new, Collectors.toList()));
  }

  @Test
  void sameSeedSameHistoryOtherSeedOtherHistory() {
    assertThat(new DemoGenerator(42, 1).history(NOW, 14).toList()).isEqualTo(history);
    List<DemoRecord> other = new DemoGenerator(43, 1).history(NOW, 14).toList();
    assertThat(other).isNotEqualTo(history);
    assertThat(other.size()).isBetween(history.size() * 9 / 10, history.size() * 11 / 10);
  }

  @Test
  void volumeAndShape() {
    Map<Class<?>, Long> kinds = history.stream().collect(Collectors.groupingBy(Object::getClass,
        Collectors.counting()));
    System.out.println("demo history, 14 days: " + bySession.size() + " sessions, " + kinds);
    assertThat(bySession.size()).isBetween(12_000, 30_000);
  }

  @Test
  void variantBCutsImportAbandonmentByAboutAThird() {
    Map<String, double[]> byVariant = new LinkedHashMap<>();
    for (List<DemoRecord> rs : sessions("Import Started")) {
      String variant = (String) track(rs, "Experiment Viewed").properties().get("variant_id");
      double[] acc = byVariant.computeIfAbsent(variant, v -> new double[2]);
      acc[0]++;
      acc[1] += has(rs, "Import Completed") ? 0 : 1;
    }
    double a = byVariant.get("A")[1] / byVariant.get("A")[0];
    double b = byVariant.get("B")[1] / byVariant.get("B")[0];
    System.out.printf("import abandonment A %.3f (n=%.0f) B %.3f (n=%.0f)%n", a, byVariant.get("A")[0], b,
        byVariant.get("B")[0]);
    assertThat(a).isBetween(0.2, 0.45);
    assertThat(b / a).isBetween(0.55, 0.8);
  }

  @Test
  void slowImportsAreAbandonedFarMoreOftenAndBigFilesGetRowRejected() {
    double[] slow = new double[2];
    double[] fast = new double[2];
    double[] bigRejected = new double[2];
    double[] smallRejected = new double[2];
    for (List<DemoRecord> rs : sessions("Import Started")) {
      double maxMs = rs.stream().filter(r -> r instanceof DemoRecord.SpanRecord)
          .mapToDouble(r -> ((DemoRecord.SpanRecord) r).durationMs()).max().orElse(0);
      double[] acc = maxMs > 10_000 ? slow : fast;
      acc[0]++;
      acc[1] += has(rs, "Import Completed") ? 0 : 1;
      if (has(rs, "File Uploaded")) {
        long rows = ((Number) track(rs, "File Uploaded").properties().get("rows")).longValue();
        double[] size = rows >= 60_000 ? bigRejected : rows < 10_000 ? smallRejected : null;
        if (size != null) {
          size[0]++;
          size[1] += has(rs, "Row Rejected") ? 1 : 0;
        }
      }
    }
    System.out.printf("import abandonment slow %.3f (n=%.0f) fast %.3f (n=%.0f); rejected big %.3f small %.3f%n",
        slow[1] / slow[0], slow[0], fast[1] / fast[0], fast[0], bigRejected[1] / bigRejected[0],
        smallRejected[1] / smallRejected[0]);
    assertThat(slow[1] / slow[0]).isGreaterThan(2.5 * fast[1] / fast[0]);
    assertThat(bigRejected[1] / bigRejected[0]).isGreaterThan(3 * smallRejected[1] / smallRejected[0]);
    assertThat(history).anyMatch(r -> r instanceof DemoRecord.Track t && t.name().equals("Row Rejected")
        && "Row Rejected".equals(t.properties().get("message")));
  }

  @Test
  void checkoutDeploySlowsTheDatabaseAndSpikesErrorsForAnHour() {
    DemoTimeline tl = new DemoGenerator(42, 1).timeline(NOW, 14);
    assertThat(history).anyMatch(r -> r instanceof DemoRecord.Note n && n.time() == tl.deployAt()
        && n.tags().contains("deploy") && n.title().contains("checkout-api"));
    double[] in = new double[2];
    double[] out = new double[2];
    List<Double> dbIn = new java.util.ArrayList<>();
    List<Double> dbOut = new java.util.ArrayList<>();
    for (List<DemoRecord> rs : sessions("Cart Viewed")) {
      for (DemoRecord r : rs) {
        if (r instanceof DemoRecord.SpanRecord sp && sp.name().equals("INSERT orders")) {
          boolean incident = tl.incident(sp.time());
          (incident ? dbIn : dbOut).add(sp.durationMs());
          double[] acc = incident ? in : out;
          acc[0]++;
          acc[1] += has(rs, "Checkout Error") ? 1 : 0;
        }
      }
    }
    System.out.printf("checkout errors in incident %.3f (n=%.0f) outside %.4f; db median %.0f vs %.0f ms%n",
        in[1] / in[0], in[0], out[1] / out[0], median(dbIn), median(dbOut));
    assertThat(in[0]).isGreaterThan(10);
    assertThat(in[1] / in[0]).isGreaterThan(10 * out[1] / out[0]);
    assertThat(median(dbIn)).isGreaterThan(20 * median(dbOut));
  }

  @Test
  void weekdayWeekendAndTimeOfDayRhythmAndSeveralAppVersions() {
    Map<Boolean, Long> importsByWeekend = sessions("Import Started").stream().collect(Collectors.partitioningBy(
        rs -> DemoTimeline.weekend(rs.get(0).time()), Collectors.counting()));
    // 14 days hold 10 weekdays and 4 weekend days
    assertThat(importsByWeekend.get(false) / 10.0).isGreaterThan(2.5 * importsByWeekend.get(true) / 4.0);
    Map<Integer, Long> checkoutByHour = sessions("Cart Viewed").stream().collect(Collectors.groupingBy(
        rs -> DemoTimeline.hourOfDay(rs.get(0).time()), Collectors.counting()));
    assertThat(checkoutByHour.get(20)).isGreaterThan(5 * checkoutByHour.get(4));
    Map<String, Long> versions = history.stream().filter(r -> r instanceof DemoRecord.Track)
        .collect(Collectors.groupingBy(r -> ((DemoRecord.Track) r).client().appVersion(), Collectors.counting()));
    assertThat(versions).containsKeys("2.3.9", "2.4.0", "2.4.1");
  }

  @Test
  void feedbackCarriesTheThemesWithNpsNearThirty() {
    List<DemoRecord.FeedbackItem> fb = history.stream().filter(r -> r instanceof DemoRecord.FeedbackItem)
        .map(r -> (DemoRecord.FeedbackItem) r).toList();
    List<Integer> nps = fb.stream().filter(f -> f.kind().equals("nps")).map(DemoRecord.FeedbackItem::score).toList();
    double promoters = nps.stream().filter(s -> s >= 9).count() / (double) nps.size();
    double detractors = nps.stream().filter(s -> s <= 6).count() / (double) nps.size();
    double score = 100 * (promoters - detractors);
    System.out.printf("NPS %.1f from %d answers, %d feedback items%n", score, nps.size(), fb.size());
    assertThat(score).isBetween(22.0, 38.0);
    List<String> texts = fb.stream().filter(f -> f.text() != null).map(f -> f.text().toLowerCase()).toList();
    System.out.printf("texts: slow %d, error %d, declined %d of %d%n", texts.stream().filter(t -> t.contains("slow"))
        .count(), texts.stream().filter(t -> t.contains("error")).count(), texts.stream()
        .filter(t -> t.contains("declin")).count(), texts.size());
    assertThat(texts.stream().filter(t -> t.contains("slow")).count()).isGreaterThan(20);
    assertThat(texts.stream().filter(t -> t.contains("error")).count()).isGreaterThan(20);
    assertThat(texts.stream().filter(t -> t.contains("declin")).count()).isGreaterThan(20);
  }

  @Test
  void everyStepAndErrorOfTheDefaultJourneysHappensInTheHistory() throws Exception {
    var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    com.fasterxml.jackson.databind.JsonNode root;
    try (var in = DemoGenerator.class.getClassLoader().getResourceAsStream("journeys/default.yml")) {
      root = yaml.readTree(in);
    }
    List<String> journeyIds = new java.util.ArrayList<>();
    for (var j : root.path("journeys")) {
      journeyIds.add(j.path("id").asText());
      for (var step : j.path("steps")) {
        String event = step.path("event").asText();
        Map<String, String> where = new LinkedHashMap<>();
        step.path("where").properties().forEach(e -> where.put(e.getKey(), e.getValue().asText()));
        assertThat(history).as("%s step %s", j.path("id").asText(), event).anyMatch(r -> r instanceof DemoRecord.Track t
            && t.name().equals(event) && where.entrySet().stream()
            .allMatch(w -> w.getValue().equals(String.valueOf(t.properties().get(w.getKey())))));
      }
      for (var error : j.path("errors")) {
        assertThat(history).as("%s error %s", j.path("id").asText(), error.asText())
            .anyMatch(r -> r instanceof DemoRecord.Track t && t.name().equals(error.asText()));
      }
    }
    assertThat(journeyIds).containsExactlyElementsOf(DemoGenerator.journeys());
  }

  @Test
  void theDemoExperimentIsDeclaredForTheImportJourneyWithTheVariantsTheDataUses() throws Exception {
    String yaml;
    try (var in = DemoGenerator.class.getClassLoader().getResourceAsStream("demo/experiments.yml")) {
      yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    var def = io.uxlens.experiment.ExperimentCatalog.parse(yaml).resolve(Users.EXPERIMENT, List.of());
    assertThat(def.journey()).isEqualTo("inventory-import");
    assertThat(def.control()).isEqualTo("A");
    assertThat(history.stream().filter(r -> r instanceof DemoRecord.Track t && t.name().equals("Experiment Viewed"))
        .map(r -> ((DemoRecord.Track) r).properties().get("variant_id")).distinct().sorted().toList())
        .containsExactly("A", "B");
  }

  static List<List<DemoRecord>> sessions(String firstEvent) {
    return bySession.values().stream().filter(rs -> has(rs, firstEvent)).toList();
  }

  static boolean has(List<DemoRecord> rs, String name) {
    return rs.stream().anyMatch(r -> r instanceof DemoRecord.Track t && t.name().equals(name));
  }

  static DemoRecord.Track track(List<DemoRecord> rs, String name) {
    return rs.stream().filter(r -> r instanceof DemoRecord.Track t && t.name().equals(name))
        .map(r -> (DemoRecord.Track) r).findFirst().orElseThrow();
  }

  static double median(List<Double> v) {
    return v.stream().sorted().skip(v.size() / 2).findFirst().orElse(Double.NaN);
  }

  static String sessionOf(DemoRecord r) {
    return r.sessionId();
  }
}
