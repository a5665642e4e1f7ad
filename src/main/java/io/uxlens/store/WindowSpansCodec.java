package io.uxlens.store;

import io.uxlens.model.Span;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attempts table's {@code window_spans} column: an attempt's window spans ({@link Span#timing()}) in a compact
 * binary form. Each (service, name) is written once per attempt and referred to by its place; a start is kept as
 * milliseconds after the attempt's start, a duration as the exact double. Layout: version 1, operations (count, then
 * per operation a has-service flag, service, name), spans (count, then per span operation index, start offset as a
 * zigzag varint, duration, status code, HTTP status + 1 as a varint, 0 for none). Text is a varint byte length and
 * UTF-8, so a name of any length is kept (DataOutput's writeUTF stops at 64 KB, and nothing bounds a span name).
 */
final class WindowSpansCodec {
  private static final int VERSION = 1;
  private static final List<String> STATUSES = List.of("unset", "ok", "error");

  private WindowSpansCodec() {}

  static byte[] encode(List<Span> spans, long attemptStart) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + spans.size() * 16);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      Map<List<String>, Integer> ops = new HashMap<>();
      List<List<String>> order = new ArrayList<>();
      int[] opOf = new int[spans.size()];
      for (int i = 0; i < spans.size(); i++) {
        Span s = spans.get(i);
        List<String> key = java.util.Arrays.asList(s.service(), s.name());
        opOf[i] = ops.computeIfAbsent(key, k -> {
          order.add(k);
          return order.size() - 1;
        });
      }
      writeVarint(out, order.size());
      for (List<String> op : order) {
        out.writeBoolean(op.get(0) != null);
        if (op.get(0) != null) {
          writeText(out, op.get(0));
        }
        writeText(out, op.get(1));
      }
      writeVarint(out, spans.size());
      for (int i = 0; i < spans.size(); i++) {
        Span s = spans.get(i);
        writeVarint(out, opOf[i]);
        long offset = s.start() - attemptStart;
        writeVarint(out, (offset << 1) ^ (offset >> 63));
        out.writeDouble(s.durationMs());
        int status = STATUSES.indexOf(s.status());
        out.writeByte(status < 0 ? STATUSES.size() : status);
        if (status < 0) {
          writeText(out, s.status());
        }
        writeVarint(out, s.httpStatus() == null ? 0 : s.httpStatus() + 1L);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory
    }
    return bytes.toByteArray();
  }

  /** The spans {@link #encode} wrote, as timings of session {@code sessionId}; null for a NULL column. */
  static List<Span> decode(byte[] data, String sessionId, long attemptStart) {
    if (data == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new StoreException("window spans of unknown version " + version);
      }
      int opCount = count(in, data);
      String[] services = new String[opCount];
      String[] names = new String[opCount];
      for (int i = 0; i < opCount; i++) {
        services[i] = in.readBoolean() ? readText(in) : null;
        names[i] = readText(in);
      }
      int count = count(in, data);
      List<Span> out = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int op = (int) readVarint(in);
        long zigzag = readVarint(in);
        long start = attemptStart + ((zigzag >>> 1) ^ -(zigzag & 1));
        double duration = in.readDouble();
        int code = in.readUnsignedByte();
        String status = code < STATUSES.size() ? STATUSES.get(code) : readText(in);
        long http = readVarint(in);
        out.add(new Span("", "", null, sessionId, services[op], names[op], null, start, duration, status,
            http == 0 ? null : (int) (http - 1), null, null));
      }
      return out;
    } catch (IOException e) {
      throw new StoreException("window spans cannot be read: " + e.getMessage(), e);
    }
  }

  /** A count of items that take a byte or more each: never more than the data's length, whatever the bytes say. */
  private static int count(DataInputStream in, byte[] data) throws IOException {
    long n = readVarint(in);
    if (n > data.length) {
      throw new IOException("a count of " + n + " in " + data.length + " bytes");
    }
    return (int) n;
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    writeVarint(out, utf8.length);
    out.write(utf8);
  }

  private static String readText(DataInputStream in) throws IOException {
    long length = readVarint(in);
    if (length > in.available()) {
      throw new IOException("text of " + length + " bytes past the end");
    }
    byte[] utf8 = new byte[(int) length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void writeVarint(DataOutputStream out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static long readVarint(DataInputStream in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("varint longer than 64 bits");
  }
}
