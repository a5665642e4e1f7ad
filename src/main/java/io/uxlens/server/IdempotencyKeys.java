package io.uxlens.server;

import io.uxlens.Refusal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Idempotency-Key} header (IETF httpapi draft; Faro's fetch transport sends one per batch and keeps it
 * across retries): the first accepted answer for a key is remembered with a digest of its body, and a retry with
 * the same key and body gets that answer again ({@value #REPLAYED}: true) without being stored a second time. The
 * same key with another body is a client bug: 422. Keys live in memory, most recent {@code capacity} kept; after a
 * restart a retry is still stored once, because record ids are derived from their content.
 */
final class IdempotencyKeys {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  static final int MAX_KEY_LENGTH = 255;

  private record Seen(byte[] digest, Reply reply) {}

  private final Map<String, Seen> seen;

  IdempotencyKeys(int capacity) {
    this.seen = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The key a call carries, checked; null when it carries none. */
  static String keyOf(HttpCall call) {
    String key = call.header(HEADER);
    if (key == null) {
      return null;
    }
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw Refusal.badRequest(HEADER, HEADER + " must be 1 to " + MAX_KEY_LENGTH
          + " visible ASCII characters");
    }
    return key;
  }

  /** The remembered answer for a retry of this key and body, or null when the call is new. */
  synchronized Reply replay(String key, byte[] body) {
    Seen s = seen.get(key);
    if (s == null) {
      return null;
    }
    if (!MessageDigest.isEqual(s.digest(), digest(body))) {
      throw new Refusal(422, HEADER + " '" + key + "' was already used for a different payload; "
          + "send a new key with each new batch", HEADER);
    }
    return s.reply().withHeader(REPLAYED, "true");
  }

  /** Remembers an accepted answer; refusals are not remembered, so a corrected retry is read afresh. */
  synchronized void remember(String key, byte[] body, Reply reply) {
    if (reply.status() >= 200 && reply.status() < 300) {
      seen.put(key, new Seen(digest(body), reply));
    }
  }

  private static byte[] digest(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
