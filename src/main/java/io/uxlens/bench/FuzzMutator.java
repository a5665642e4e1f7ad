package io.uxlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.uxlens.json.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a valid seed into one hostile request, structure-aware: the JSON tree is changed where it means something
 * (wrong types, extreme numbers, long strings, deep nesting, removed and unknown keys, reversed or enormous time
 * ranges, unknown metric options), and the serialised text where JSON itself is bent (invalid UTF-8, duplicate keys,
 * NaN and Infinity). OTLP protobuf seeds carry the mutated tree as protobuf when it still converts, else the valid
 * protobuf with bytes flipped or cut. The same seed, case number and random source give the same request.
 */
final class FuzzMutator {
  /** One request to send, with the mutations that made it (for the report of a failing case). */
  record Request(String label, String method, String target, String contentType, boolean gzip, byte[] body,
                 String mutations, boolean control) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MARK = "@@FUZZ%d@@";
  private static final List<JsonNode> ODD_VALUES = List.of(NODES.nullNode(), NODES.booleanNode(true),
      NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1e308), NODES.numberNode(-1e308),
      NODES.numberNode(new BigInteger("9223372036854775808")),
      NODES.numberNode(new BigInteger("-99999999999999999999")),
      NODES.numberNode(4.9e-324), NODES.textNode(""), NODES.textNode(" "), NODES.textNode("\u0000"),
      NODES.textNode("2026-13-45T99:00:00Z"), NODES.textNode("-1"), NODES.textNode("NaN"), NODES.textNode("1e999"),
      NODES.textNode("\uD83D\uDE00\u202E\uFEFF"), NODES.arrayNode(), NODES.objectNode(),
      NODES.arrayNode().add(NODES.objectNode()), NODES.textNode("ffffffffffffffffffffffffffffffff"));
  /** Bodies of the wrong kind altogether, including bytes that are not UTF-8. */
  private static final List<String> TOP_LEVEL = List.of("null", "[]", "\"x\"", "1", "{}", "[null,[],1]",
      "\u00ff\u00fe", "{\"batch\":null}", "{\"batch\":[null,[],1]}", "");
  /** Mostly past the smaller limits (32 KB Segment event); the 600 KB one, past the batch limit, only now and then. */
  private static final List<Integer> LONG_STRINGS = List.of(300, 5_000, 40_000, 40_000, 600_000);
  private static final List<String> ODD_TIMES = List.of("0", "-62135596800000", "253402300799999", "now-100000y",
      "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1e20", "yesterday", "", "2026-05-01T10:00:00+25:00");

  private final Map<String, String> raw = new LinkedHashMap<>();
  private final List<String> applied = new ArrayList<>();
  private final Random random;
  private String original;

  private FuzzMutator(Random random) {
    this.random = random;
  }

  /** The seed with its ids made unique for case {@code n}; mutated unless {@code control}. */
  static Request make(FuzzSeeds.Seed seed, long n, Random random, boolean control) {
    return new FuzzMutator(random).build(seed, n, control);
  }

  private Request build(FuzzSeeds.Seed seed, long n, boolean control) {
    String text = seed.body().toString().replace("{n}", Long.toString(n))
        .replace("{trace}", String.format("%032x", n + 1)).replace("{span}", String.format("%016x", n + 1));
    original = text;
    JsonNode tree = parse(text);
    if (!control) {
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        mutate(tree);
      }
    }
    String label = seed.label();
    String mutations = control ? "none (control)" : String.join(", ", applied);
    if (seed.wire() == FuzzSeeds.Wire.QUERY) {
      return new Request(label, "GET", seed.path() + "?" + query(tree), null, false, new byte[0], mutations, control);
    }
    byte[] body = seed.wire() == FuzzSeeds.Wire.PROTOBUF ? protobuf(tree, control) : serialise(tree);
    String contentType = seed.wire() == FuzzSeeds.Wire.PROTOBUF ? "application/x-protobuf" : "application/json";
    boolean gzip = false;
    if (!control) {
      switch (random.nextInt(15)) {
        case 0 -> {
          body = java.util.Arrays.copyOf(body, random.nextInt(Math.max(1, body.length)));
          applied.add("body cut");
        }
        case 1 -> {
          body = FuzzWire.gzip(body);
          gzip = true;
          applied.add("gzip");
        }
        case 2 -> {
          gzip = true;
          applied.add("gzip header on a plain body");
        }
        case 3 -> {
          contentType = random.nextBoolean() ? "text/plain" : "application/x-www-form-urlencoded";
          applied.add("content type " + contentType);
        }
        case 4 -> {
          String top = TOP_LEVEL.get(random.nextInt(TOP_LEVEL.size()));
          body = top.getBytes(StandardCharsets.ISO_8859_1);
          applied.add("whole body " + top);
        }
        default -> { }
      }
    }
    return new Request(label, "POST", seed.path(), contentType, gzip, body, mutations, control);
  }

  private void mutate(JsonNode tree) {
    int op = random.nextInt(12);
    if (op <= 2 && timeRange(tree)) {
      return;
    }
    if (op == 3 && metricOptions(tree)) {
      return;
    }
    List<JsonNode[]> slots = new ArrayList<>();
    slots(tree, slots);
    if (slots.isEmpty()) {
      return;
    }
    JsonNode[] slot = slots.get(random.nextInt(slots.size()));
    switch (random.nextInt(10)) {
      case 0, 1 -> set(slot, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())).deepCopy(), "odd value");
      case 2 -> {
        int length = LONG_STRINGS.get(random.nextInt(random.nextInt(8) == 0 ? LONG_STRINGS.size() : 4));
        set(slot, NODES.textNode("x".repeat(length)), "long string");
      }
      case 3 -> set(slot, marker(nesting(List.of(40, 500, 1_500).get(random.nextInt(3)))), "deep nesting");
      case 4 -> set(slot, marker("\"in" + new String(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE},
          StandardCharsets.ISO_8859_1) + "valid\""), "invalid UTF-8");
      case 5 -> set(slot, marker(List.of("NaN", "Infinity", "-Infinity").get(random.nextInt(3))), "NaN/Infinity");
      case 6 -> remove(slot);
      case 7 -> duplicateKey(tree);
      case 8 -> set(slot, wrongType(get(slot)), "wrong type");
      default -> {
        if (get(slot) instanceof ObjectNode o) {
          o.put("unknownField" + random.nextInt(100), "surprise");
          applied.add("unknown key");
        } else {
          set(slot, NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE), "extreme number");
        }
      }
    }
  }

  /** Reversed, enormous, equal or malformed ranges wherever a from/to pair is: the range or the query params. */
  private boolean timeRange(JsonNode tree) {
    ObjectNode holder = tree.has("from") && tree.has("to") ? (ObjectNode) tree
        : tree.path("range").isObject() ? (ObjectNode) tree.get("range") : null;
    if (holder == null) {
      return false;
    }
    switch (random.nextInt(4)) {
      case 0 -> {
        JsonNode from = holder.get("from");
        holder.set("from", holder.get("to"));
        holder.set("to", from);
        applied.add("time range reversed");
      }
      case 1 -> {
        holder.put("from", "0001-01-01T00:00:00Z");
        holder.put("to", "9999-12-31T23:59:59Z");
        applied.add("time range enormous");
        if (tree.has("intervalMs")) {
          ((ObjectNode) tree).put("intervalMs", 1);
          ((ObjectNode) tree).put("maxDataPoints", 1_000_000_000);
        } else {
          holder.put("interval", "1ms");
        }
      }
      case 2 -> {
        holder.set("to", holder.get("from"));
        applied.add("empty time range");
      }
      default -> {
        holder.put(random.nextBoolean() ? "from" : "to", ODD_TIMES.get(random.nextInt(ODD_TIMES.size())));
        applied.add("odd time");
      }
    }
    return true;
  }

  /** Unknown metric, unknown option, or an option value that is not one of its choices. */
  private boolean metricOptions(JsonNode tree) {
    JsonNode target = tree.path("targets").path(0);
    ObjectNode payload = target.path("payload").isObject() ? (ObjectNode) target.get("payload")
        : tree.path("payload").isObject() ? (ObjectNode) tree.get("payload") : null;
    if (payload == null && !tree.has("from")) {
      return false;
    }
    ObjectNode options = payload != null ? payload : (ObjectNode) tree;
    switch (random.nextInt(3)) {
      case 0 -> {
        if (target instanceof ObjectNode t) {
          t.put("target", "no.such.metric");
        } else if (tree instanceof ObjectNode o && o.has("metric")) {
          o.put("metric", "no.such.metric");
        } else {
          options.put("unknown_option", "x");
        }
        applied.add("unknown metric");
      }
      case 1 -> {
        options.put("unknown_option", "x");
        applied.add("unknown option");
      }
      default -> {
        List<String> names = new ArrayList<>();
        options.fieldNames().forEachRemaining(names::add);
        names.removeIf(name -> name.equals("from") || name.equals("to"));
        if (names.isEmpty()) {
          options.put("journey", "no-such-journey");
        } else {
          options.put(names.get(random.nextInt(names.size())), "no-such-value");
        }
        applied.add("unknown option value");
      }
    }
    return true;
  }

  private void duplicateKey(JsonNode tree) {
    List<ObjectNode> objects = new ArrayList<>();
    objects(tree, objects);
    objects.removeIf(o -> o.isEmpty());
    if (objects.isEmpty()) {
      return;
    }
    ObjectNode o = objects.get(random.nextInt(objects.size()));
    List<String> keys = new ArrayList<>();
    o.fieldNames().forEachRemaining(keys::add);
    String key = keys.get(random.nextInt(keys.size()));
    String mark = MARK.formatted(raw.size());
    raw.put("\"" + mark + "\"", Json.write(key));
    o.set(mark, ODD_VALUES.get(random.nextInt(ODD_VALUES.size())).deepCopy());
    applied.add("duplicate key " + key);
  }

  private JsonNode marker(String replacement) {
    String mark = MARK.formatted(raw.size());
    raw.put("\"" + mark + "\"", replacement);
    return TextNode.valueOf(mark);
  }

  private String nesting(int depth) {
    boolean arrays = random.nextBoolean();
    return (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
  }

  private JsonNode wrongType(JsonNode current) {
    if (current == null || current.isTextual()) {
      return random.nextBoolean() ? NODES.numberNode(42) : NODES.arrayNode().add("x");
    }
    if (current.isNumber()) {
      return NODES.textNode(current.asText() + "x");
    }
    if (current.isContainerNode()) {
      return NODES.textNode("not a container");
    }
    return NODES.objectNode().put("x", 1);
  }

  /** The tree as UTF-8 JSON, each marker replaced by its raw text (written byte for byte: invalid UTF-8 stays). */
  private byte[] serialise(JsonNode tree) {
    String text = tree.toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 64);
    int at = 0;
    while (true) {
      int next = -1;
      String found = null;
      for (String mark : raw.keySet()) {
        int i = text.indexOf(mark, at);
        if (i >= 0 && (next < 0 || i < next)) {
          next = i;
          found = mark;
        }
      }
      if (found == null) {
        out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
      }
      out.writeBytes(text.substring(at, next).getBytes(StandardCharsets.UTF_8));
      out.writeBytes(raw.get(found).getBytes(StandardCharsets.ISO_8859_1));
      at = next + found.length();
    }
  }

  private byte[] protobuf(JsonNode tree, boolean control) {
    try {
      ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
      JsonFormat.parser().ignoringUnknownFields().merge(new String(serialise(tree), StandardCharsets.UTF_8), b);
      return b.build().toByteArray();
    } catch (com.google.protobuf.InvalidProtocolBufferException | RuntimeException e) {
      if (control) {
        throw new IllegalStateException("the OTLP seed does not convert to protobuf", e);
      }
      applied.add("protobuf bytes damaged");
      return damage(FuzzWire.protobufOf(original));
    }
  }


  private byte[] damage(byte[] valid) {
    byte[] out = valid.clone();
    for (int i = 0; i < 1 + random.nextInt(4); i++) {
      out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return random.nextBoolean() ? out : java.util.Arrays.copyOf(out, random.nextInt(out.length + 8));
  }

  private String query(JsonNode params) {
    StringBuilder q = new StringBuilder();
    params.fields().forEachRemaining(f -> {
      String value = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
      String key = f.getKey();
      String rawKey = raw.get("\"" + key + "\"");
      key = rawKey != null ? rawKey.replace("\"", "") : key;
      String rawValue = raw.get("\"" + value + "\"");
      q.append(q.length() == 0 ? "" : "&").append(FuzzWire.encode(key)).append('=')
          .append(FuzzWire.encode(rawValue != null ? rawValue : value));
    });
    return q.toString();
  }



  private void set(JsonNode[] slot, JsonNode value, String what) {
    if (slot[0] instanceof ObjectNode o) {
      o.set(slot[1].asText(), value);
    } else if (slot[0] instanceof ArrayNode a) {
      a.set(slot[1].asInt(), value);
    }
    applied.add(what);
  }

  private void remove(JsonNode[] slot) {
    if (slot[0] instanceof ObjectNode o) {
      o.remove(slot[1].asText());
      applied.add("removed " + slot[1].asText());
    } else if (slot[0] instanceof ArrayNode a) {
      a.remove(slot[1].asInt());
      applied.add("removed an array item");
    }
  }

  private static JsonNode get(JsonNode[] slot) {
    return slot[0] instanceof ObjectNode o ? o.get(slot[1].asText()) : slot[0].get(slot[1].asInt());
  }

  private static void slots(JsonNode n, List<JsonNode[]> out) {
    if (n instanceof ObjectNode o) {
      List<String> keys = new ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        out.add(new JsonNode[] {o, NODES.textNode(k)});
        slots(o.get(k), out);
      }
    } else if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new JsonNode[] {a, NODES.numberNode(i)});
        slots(a.get(i), out);
      }
    }
  }

  private static void objects(JsonNode n, List<ObjectNode> out) {
    if (n instanceof ObjectNode o) {
      out.add(o);
    }
    n.forEach(child -> objects(child, out));
  }

  private static JsonNode parse(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
