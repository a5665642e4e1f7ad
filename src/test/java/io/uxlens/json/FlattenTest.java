package io.uxlens.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlattenTest {
  @Test
  void dottedKeysForScalarsUpToFourLevelsArraysAndNullsLeftOut() {
    Map<String, String> got = Flatten.object("{\"app\":{\"version\":\"2.4.1\",\"build\":7},\"tags\":[\"a\",{\"x\":1}],"
        + "\"gone\":null,\"ok\":true,\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}},\"c2\":\"kept\"}}}");
    assertEquals(Map.of("app.version", "2.4.1", "app.build", "7", "ok", "true", "a.b.c2", "kept"), got);
    assertEquals(List.of("app.version", "app.build", "ok", "a.b.c2"), List.copyOf(got.keySet()));
  }

  @Test
  void numbersReadAsATreeWritesThem() {
    assertEquals(Map.of("f", "1.5", "e", "1.0E20", "i", "-12", "l", "12345678901234",
            "big", "123456789012345678901234567890", "z", "0.0", "nz", "-0.0"),
        Flatten.object("{\"f\":1.50,\"e\":1e20,\"i\":-12,\"l\":12345678901234,"
            + "\"big\":123456789012345678901234567890,\"z\":0.0,\"nz\":-0.0}"));
  }

  @Test
  void aRepeatedKeyKeepsItsLastValueAsATreeDoes() {
    assertEquals(Map.of("a", "2", "b", "x"), Flatten.object("{\"a\":{\"x\":1},\"b\":\"x\",\"a\":2}"));
    assertEquals(Map.of("a.x", "1"), Flatten.object("{\"a\":1,\"a\":{\"x\":1}}"));
  }

  @Test
  void unreadableOrNonObjectTextsGiveNoKeys() {
    for (String text : new String[] {null, "", "  ", "[1,2]", "\"s\"", "null", "{\"a\":1", "{\"a\":1,\"b\":}",
        "{\"a\":\"x\",\"b\":{\"c\":tru}}"}) {
      assertEquals(Map.of(), Flatten.object(text), String.valueOf(text));
    }
    // control: the same shapes, well formed, do give keys
    assertEquals(Map.of("a", "1", "b.c", "true"), Flatten.object("{\"a\":1,\"b\":{\"c\":true}}"));
  }

  /** Random nested texts, compared with the plain walk of the parsed tree: the semantics the stream must keep. */
  @Test
  void sameKeysValuesAndOrderAsWalkingTheParsedTree() throws Exception {
    Random random = new Random(20261202L);
    int nonEmpty = 0;
    for (int i = 0; i < 3_000; i++) {
      String text = random(random, 0).toString();
      Map<String, String> expected = new LinkedHashMap<>();
      treeWalk("", Json.MAPPER.readTree(text), 0, expected);
      Map<String, String> got = Flatten.object(text);
      assertEquals(expected, got, text);
      assertEquals(List.copyOf(expected.keySet()), List.copyOf(got.keySet()), text);
      nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    // control: the generator makes texts with keys to compare, not mostly empty ones
    assertEquals(true, nonEmpty > 2_500, "texts with keys: " + nonEmpty);
  }

  private static ObjectNode random(Random r, int depth) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    int fields = r.nextInt(depth == 0 ? 8 : 4) + (depth == 0 ? 1 : 0);
    for (int f = 0; f < fields; f++) {
      String name = r.nextInt(5) == 0 ? "k" + r.nextInt(3) : "f" + f + (r.nextBoolean() ? ".dot" : "");
      switch (r.nextInt(depth < 6 ? 10 : 8)) {
        case 0 -> o.put(name, "s" + r.nextInt(1000) + (r.nextBoolean() ? "é\"\\\n" : ""));
        case 1 -> o.put(name, r.nextInt());
        case 2 -> o.put(name, r.nextLong());
        case 3 -> o.put(name, r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
        case 4 -> o.put(name, r.nextBoolean());
        case 5 -> o.putNull(name);
        case 6 -> o.put(name, new java.math.BigInteger(100, r));
        case 7 -> o.putArray(name).add(r.nextInt()).add(random(r, depth + 1));
        default -> o.set(name, random(r, depth + 1));
      }
    }
    return o;
  }

  private static void treeWalk(String prefix, JsonNode node, int depth, Map<String, String> out) {
    if (!node.isObject() || depth >= 4) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        treeWalk(key, e.getValue(), depth + 1, out);
      } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        out.put(key, e.getValue().asText());
      }
    }
  }
}
