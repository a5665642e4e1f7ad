package io.uxlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import io.uxlens.model.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The single serialisation of a Segment message against what the codec stored and measured before it: each item
 * deep-copied, the batch's context merged in and its sentAt filled in, then {@code toString()} of the message, of
 * its properties and of its context.
 */
class SegmentMessageTest {
  private static final List<String> ITEMS = List.of(
      """
      {"type":"track","event":"A","userId":"u","properties":{"s":"a\\"b\\\\c\\n\\t\\u0001\\u007f/é中😀",
       "n":[1,-0.0,1.5e300,12345678901234567890123,0.1,1E-7,null,true,{}],"deep":{"a":[[{"b":[]}]]}},
       "context":{"app":{"version":"2.4.1"},"locale":"en-GB"},"timestamp":"2026-05-01T10:00:00Z"}""",
      "{\"type\":\"track\",\"event\":\"A\",\"userId\":\"u\",\"properties\":{\"lone\":\"\\ud800x\\udc00\"}}",
      "{\"context\":{\"locale\":\"fr\"},\"type\":\"page\",\"userId\":\"u\",\"sentAt\":\"2026-05-01T10:00:00Z\"}",
      "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"plan\":\"pro\"},\"properties\":{\"x\":1}}",
      "{\"type\":\"track\",\"event\":\"A\",\"userId\":\"u\",\"context\":5,\"properties\":null}",
      "{\"type\":\"track\",\"event\":\"A\",\"userId\":\"u\",\"context\":null,\"sentAt\":null}",
      "{\"type\":\"track\",\"event\":\"\\u00e9\\u4e2d\",\"userId\":\"u\",\"k\\u0000\\\"\":{\"\\n\":1}}");

  @Test
  void oneSerialisationGivesTheSizeAndTextsOfTheOldThree() throws Exception {
    List<String> batchExtras = List.of("", ",\"context\":{\"locale\":\"de\",\"os\":{\"name\":\"iOS\"}}",
        ",\"sentAt\":\"2026-05-01T10:00:05Z\",\"context\":{\"ip\":\"1.2.3.4\"}", ",\"context\":[1],\"sentAt\":7");
    int compared = 0;
    for (String extra : batchExtras) {
      JsonNode body = Json.MAPPER.readTree("{\"batch\":[" + String.join(",", ITEMS) + "]" + extra + "}");
      JsonNode shared = body.get("context");
      JsonNode sentAt = body.get("sentAt");
      for (JsonNode item : body.get("batch")) {
        ObjectNode own = (ObjectNode) item;
        ObjectNode old = own.deepCopy();
        JsonNode merged = null;
        if (shared != null && shared.isObject()) {
          merged = merged(shared, own.get("context"));
          old.set("context", merged);
        }
        if (!old.has("sentAt") && sentAt != null) {
          old.set("sentAt", sentAt);
        }
        String props = own.get("type").asText().equals("identify") ? "traits" : "properties";
        SegmentMessage.Serialised s = new SegmentMessage(own, merged, own.has("sentAt") ? null : sentAt)
            .serialise(props, Json.MAPPER.getSerializerProviderInstance());
        assertThat(s.utf8Bytes()).as(old.toString()).isEqualTo(old.toString().getBytes(StandardCharsets.UTF_8).length);
        assertThat(s.properties()).isEqualTo(old.has(props) ? old.get(props).toString() : null);
        assertThat(s.context()).isEqualTo(old.has("context") ? old.get("context").toString() : null);
        assertThat(own).as("the item itself is left as it arrived").isEqualTo(Json.MAPPER.readTree(item.toString()));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(ITEMS.size() * batchExtras.size());
  }

  @Test
  void theEventSizeLimitIsTheSerialisedMessageIncludingTheMergedBatchContext() throws Exception {
    String item = "{\"type\":\"track\",\"event\":\"A\",\"userId\":\"u\",\"properties\":{\"p\":\"%s\"}}";
    String context = ",\"context\":{\"locale\":\"é\"}";
    // the merged message: the item's fields then the batch's context; é is two bytes
    int overhead = String.format(item, "").length() + context.getBytes(StandardCharsets.UTF_8).length;
    int limit = 1024;
    SegmentCodec codec = new SegmentCodec(limit, SegmentCodec.DEFAULT_SESSION_PATHS);
    String atLimit = "x".repeat(limit - overhead);
    SegmentCodec.Decoded d = codec.decodeBatch(Json.MAPPER.readTree("{\"batch\":[" + String.format(item, atLimit)
        + "," + String.format(item, atLimit + "x") + "]" + context + "}"), 0, 10);
    assertThat(d.events()).hasSize(1);
    Event kept = d.events().get(0);
    assertThat(kept.properties()).isEqualTo("{\"p\":\"" + atLimit + "\"}");
    assertThat(kept.context()).isEqualTo("{\"locale\":\"é\"}");
    assertThat(d.rejected()).singleElement().satisfies(r -> {
      assertThat(r.index()).isEqualTo(1);
      assertThat(r.error()).contains("event is " + (limit + 1) + " bytes; the limit is 1 KB per event");
    });
  }

  @Test
  void utf8LengthCountsLikeTheEncoder() {
    for (String s : List.of("", "abc", "é", "中", "😀", "\ud800", "x\udc00y", "\ud800\ud800\udc00", "\u07ff\u0800")) {
      assertThat(SegmentMessage.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  private static JsonNode merged(JsonNode shared, JsonNode own) {
    ObjectNode out = ((ObjectNode) shared).deepCopy();
    if (own != null && own.isObject()) {
      own.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
    }
    return out;
  }

}
