package io.uxlens.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.uxlens.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpAndFeedbackImportTest {
  @TempDir
  Path dir;

  private static String span(String traceId, String spanId, String name) {
    return "{\"traceId\":\"" + traceId + "\",\"spanId\":\"" + spanId + "\",\"name\":\"" + name + "\",\"kind\":2,"
        + "\"startTimeUnixNano\":\"1772359200000000000\",\"endTimeUnixNano\":\"1772359200250000000\","
        + "\"attributes\":[{\"key\":\"session.id\",\"value\":{\"stringValue\":\"s-1\"}}]}";
  }

  private static String export(String... spans) {
    return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
        + "{\"stringValue\":\"import-api\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"t\"},\"spans\":["
        + String.join(",", spans) + "]}]}]}";
  }

  @Test
  void collectorFileExporterLinesArePostedAsOtlpJson() throws Exception {
    String good = export(span("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "POST /imports"),
        span("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b175", "SELECT orders"));
    String partlyBad = export(span("5b8efff798038103d269b633813fc60d", "eee19b7ec3c1b176", "GET /"),
        span("not-hex", "eee19b7ec3c1b177", "bad"));
    Path file = ImportRun.write(dir.resolve("traces.jsonl"), List.of(good, "{\"resourceSpans\":", partlyBad));
    try (TestServer server = TestServer.start(dir)) {
      ImportRun r = ImportRun.of("--url", server.uri("/").toString(), "--rejects-dir", dir.toString(),
          "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off", "--wait-journeys", "0",
          file.toString());
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(server.count("spans")).isEqualTo(3);
      assertThat(r.err()).contains("traces.jsonl:2: body: invalid JSON")
          .contains("traces.jsonl:3: resourceSpans[0].scopeSpans[0].spans[1].traceId: traceId must be 32 hex digits");
      assertThat(r.out()).contains("accepted 3").contains("rejected 2");
      assertThat(Files.readAllLines(dir.resolve("traces.rejects.jsonl"))).containsExactly("{\"resourceSpans\":",
          partlyBad);
    }
  }

  @Test
  void surveyCsvWithAColumnMapBecomesFeedback() throws Exception {
    // a survey tool's NPS export: semicolon-separated, with a byte-order mark and a quoted multi-line comment
    Path csv = dir.resolve("nps.csv");
    Files.writeString(csv, "\uFEFFResponse ID;Rating;Comment;Submitted At;Email\n"
        + "r1;9;\"Great import,\nfast\";2026-03-01 10:00:00;a@example.com\n"
        + "r2;11;too high;2026-03-01 11:00:00;b@example.com\n"
        + "r3;3;slow imports;2026-03-02T09:00:00Z;c@example.com\n"
        + "r4;7;;not a date;d@example.com\n");
    try (TestServer server = TestServer.start(dir)) {
      ImportRun r = ImportRun.of("--url", server.uri("/").toString(), "--rejects-dir", dir.toString(),
          "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off", "--wait-journeys", "0",
          "--map", "score=Rating,text=Comment,time=Submitted At,kind=nps,id=Response ID,user=Email", csv.toString());
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(server.count("feedback")).isEqualTo(2);
      assertThat(r.err())
          .contains("nps.csv:4: score (column Rating): score must be an integer from 0 to 10 for nps; got 11")
          .contains("nps.csv:6: timestamp (column Submitted At): timestamp must be an ISO-8601 date-time");
      List<String> rejects = Files.readAllLines(dir.resolve("nps.rejects.csv"));
      assertThat(rejects).containsExactly("Response ID;Rating;Comment;Submitted At;Email",
          "r2;11;too high;2026-03-01 11:00:00;b@example.com", "r4;7;;not a date;d@example.com");

      // the fixed rejects file imports cleanly; the earlier rows are not counted twice (ids from the export)
      Files.writeString(dir.resolve("nps.rejects.csv"), "Response ID;Rating;Comment;Submitted At;Email\n"
          + "r2;10;too high;2026-03-01 11:00:00;b@example.com\nr4;7;;2026-03-03;d@example.com\n"
          + "r1;9;\"Great import,\nfast\";2026-03-01 10:00:00;a@example.com\n");
      ImportRun fixed = ImportRun.of("--url", server.uri("/").toString(), "--rejects-dir",
          dir.resolve("again").toString(), "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off",
          "--wait-journeys", "0", "--map", "score=Rating,text=Comment,time=Submitted At,kind=nps,id=Response ID",
          dir.resolve("nps.rejects.csv").toString());
      assertThat(fixed.code()).as(fixed.err()).isZero();
      assertThat(fixed.out()).contains("accepted 2, duplicates 1");
      assertThat(server.count("feedback")).isEqualTo(4);
    }
  }

  @Test
  void aWrongColumnMapIsAUsageErrorNamingTheColumnsAndSendsNothing() throws Exception {
    Path csv = ImportRun.write(dir.resolve("csat.csv"), List.of("Ticket,Satisfaction,Solved at", "t1,5,2026-03-01"));
    try (TestServer server = TestServer.start(dir)) {
      ImportRun r = ImportRun.of("--url", server.uri("/").toString(), "--rejects-dir", dir.toString(),
          "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off",
          "--map", "score=Rating,time=Solved at,kind=csat", csv.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("csat.csv: --map score=Rating: no column 'Rating' in the header; columns in this "
          + "file: Ticket, Satisfaction, Solved at");
      ImportRun noMap = ImportRun.of("--url", server.uri("/").toString(), "--progress", "off", csv.toString());
      assertThat(noMap.code()).isEqualTo(2);
      assertThat(noMap.err()).contains("a feedback CSV needs --map");
      assertThat(server.count("feedback")).isZero();
      // control: the right map is accepted
      ImportRun ok = ImportRun.of("--url", server.uri("/").toString(), "--rejects-dir", dir.toString(),
          "--checkpoint", dir.resolve("cp.json").toString(), "--progress", "off", "--wait-journeys", "0",
          "--map", "score=Satisfaction,time=Solved at,kind=csat,id=Ticket", csv.toString());
      assertThat(ok.code()).as(ok.err()).isZero();
      assertThat(server.count("feedback")).isEqualTo(1);
    }
  }
}
