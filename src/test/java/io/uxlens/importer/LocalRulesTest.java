package io.uxlens.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules applied before anything is sent: archive time correction, stable ids, checkpoints of changed files. */
class LocalRulesTest {
  @TempDir
  Path dir;

  private static JsonNode segment(String line) throws Exception {
    return Jsons.MAPPER.readTree(new SegmentLines().map(Row.ofLine(1, line)).json());
  }

  @Test
  void archivedTimestampWinsAndSentAtIsDroppedSoHistoryKeepsItsDates() throws Exception {
    JsonNode m = segment("{\"type\":\"track\",\"messageId\":\"a\",\"userId\":\"u\",\"event\":\"E\","
        + "\"timestamp\":\"2026-01-01T10:00:02Z\",\"originalTimestamp\":\"2026-01-01T10:00:05Z\","
        + "\"sentAt\":\"2026-01-01T10:00:10Z\",\"receivedAt\":\"2026-01-01T10:00:07Z\"}");
    assertThat(m.path("timestamp").asText()).isEqualTo("2026-01-01T10:00:02Z");
    assertThat(m.has("sentAt")).isFalse();
    assertThat(m.has("originalTimestamp")).isFalse();
    assertThat(m.path("messageId").asText()).isEqualTo("a");
  }

  @Test
  void withoutTimestampTheSkewCorrectionUsesTheArchivedReceivedAt() throws Exception {
    JsonNode m = segment("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\","
        + "\"originalTimestamp\":\"2026-01-01T10:00:05Z\",\"sentAt\":\"2026-01-01T10:00:10Z\","
        + "\"receivedAt\":\"2026-01-01T10:00:07Z\"}");
    assertThat(m.path("timestamp").asText()).isEqualTo("2026-01-01T10:00:02Z");
  }

  @Test
  void aMissingMessageIdIsAHashOfTheContentSoTheSameRowGetsTheSameId() throws Exception {
    String line = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"2026-01-01T10:00:00Z\"}";
    String id = segment(line).path("messageId").asText();
    assertThat(id).startsWith("import-").hasSize("import-".length() + 32);
    assertThat(segment("  " + line + " ").path("messageId").asText()).isEqualTo(id);
    assertThat(segment(line.replace("\"E\"", "\"F\"")).path("messageId").asText()).isNotEqualTo(id);
  }

  @Test
  void anOversizedEventIsRefusedInTheServersWords() {
    String big = "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"E\",\"properties\":{\"blob\":\""
        + "x".repeat(40_000) + "\"}}";
    assertThatThrownBy(() -> new SegmentLines().map(Row.ofLine(1, big)))
        .isInstanceOf(RowProblem.class).hasMessageContaining("the limit is 32 KB per event");
  }

  @Test
  void resumingAFileThatChangedSinceTheCheckpointIsAUsageError() throws Exception {
    Path file = ImportRun.write(dir.resolve("events.json"), List.of(ImportRun.segmentLine(1, "2026-01-01T00:00:00Z")));
    Path checkpoint = dir.resolve("cp.json");
    Files.writeString(checkpoint, "{\"inputs\":{\"" + file.toAbsolutePath() + "\":{\"size\":1,\"modified\":1,"
        + "\"line\":1,\"done\":false,\"rejects\":\"x\",\"rejectsBytes\":0}}}");
    ImportRun r = ImportRun.of("--url", "http://127.0.0.1:9/", "--resume", "--checkpoint", checkpoint.toString(),
        "--rejects-dir", dir.toString(), "--progress", "off", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("events.json changed since the checkpoint was written; run without --resume");
  }
}
