package io.uxlens.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.uxlens.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.Map;

/**
 * One Segment message as the codec reads it: the item's own fields, with the batch's context merged in and the
 * batch's {@code sentAt} filled in, without copying the item. {@link #serialise} writes it once, as compact JSON,
 * and keeps from that single text both its UTF-8 size (the per-event limit) and the texts of its properties and
 * context (what is stored), so no part is serialised twice.
 */
final class SegmentMessage {
  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  private final ObjectNode own;
  private final JsonNode context;
  private final JsonNode sentAt;

  /**
   * @param context the merged context, or null for the item's own
   * @param sentAt the batch's sentAt when the item has none, else null
   */
  SegmentMessage(ObjectNode own, JsonNode context, JsonNode sentAt) {
    this.own = own;
    this.context = context;
    this.sentAt = sentAt;
  }

  static SegmentMessage of(ObjectNode own) {
    return new SegmentMessage(own, null, null);
  }

  JsonNode get(String field) {
    if (context != null && field.equals("context")) {
      return context;
    }
    if (sentAt != null && field.equals("sentAt")) {
      return sentAt;
    }
    return own.get(field);
  }

  ObjectNode own() {
    return own;
  }

  /**
   * The message's compact JSON size in UTF-8 bytes, and the JSON texts of {@code propsField} and of the context
   * (null when absent). The texts are exactly what {@code JsonNode.toString()} gives for those values, and the size
   * is that of the message's own {@code toString()}: fields in order, a merged context in the item's context's
   * place (else after the item's fields), a filled-in sentAt last.
   */
  Serialised serialise(String propsField, SerializerProvider provider) {
    CharSink sink = new CharSink();
    String props = null;
    String ctx = null;
    try (JsonGenerator g = FACTORY.createGenerator(sink)) {
      g.writeStartObject();
      for (Iterator<Map.Entry<String, JsonNode>> it = own.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String name = f.getKey();
        JsonNode value = name.equals("context") && context != null ? context : f.getValue();
        if (name.equals(propsField)) {
          props = field(g, sink, name, value, provider);
        } else if (name.equals("context")) {
          ctx = field(g, sink, name, value, provider);
        } else {
          g.writeFieldName(name);
          value.serialize(g, provider);
        }
      }
      if (context != null && !own.has("context")) {
        ctx = field(g, sink, "context", context, provider);
      }
      if (sentAt != null) {
        g.writeFieldName("sentAt");
        sentAt.serialize(g, provider);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("serialising a parsed message cannot fail", e);
    }
    return new Serialised(utf8Length(sink.text), props, ctx);
  }

  /** @param utf8Bytes size of the whole message; properties and context are null when the message has none */
  record Serialised(int utf8Bytes, String properties, String context) {}

  /** Writes one field and returns its value's text, cut from what the generator wrote. */
  private static String field(JsonGenerator g, CharSink sink, String name, JsonNode value,
                              SerializerProvider provider) throws IOException {
    g.writeFieldName(name);
    g.flush();
    int start = sink.text.length();
    value.serialize(g, provider);
    g.flush();
    // the generator writes the name's ':' separator with the value
    if (sink.text.charAt(start) != ':') {
      throw new IllegalStateException("unexpected JSON generator output");
    }
    return sink.text.substring(start + 1);
  }

  /** What {@code s.getBytes(UTF_8).length} gives, without encoding: an unpaired surrogate becomes one '?'. */
  static int utf8Length(CharSequence s) {
    int n = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** An unsynchronised in-memory writer whose text so far can be cut. */
  private static final class CharSink extends Writer {
    private final StringBuilder text = new StringBuilder(512);

    @Override
    public void write(char[] buf, int off, int len) {
      text.append(buf, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      text.append(s, off, off + len);
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
