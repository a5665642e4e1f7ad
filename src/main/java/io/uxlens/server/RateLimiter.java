package io.uxlens.server;

import io.uxlens.Refusal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per write key token buckets ({@code --rate-limit}): each key may send {@code perSecond} records a second on
 * average and {@code burst} at once. A request that would overdraw its bucket is refused whole with 429, the limit
 * named and {@code Retry-After} set to when the bucket holds enough again; nothing of it is stored. A request larger
 * than the burst passes when the bucket is full and leaves it in debt, so no valid batch is refused for ever.
 */
public final class RateLimiter {
  /** Refill rate and bucket size; {@code perSecond <= 0} means no limit. */
  public record Limit(double perSecond, long burst) {
    public static final Limit NONE = new Limit(0, 0);

    public Limit {
      if (perSecond > 0 && burst < 1) {
        throw new IllegalArgumentException("the rate limit burst must be at least 1");
      }
    }

    public boolean on() {
      return perSecond > 0;
    }

    /** "1000/s, burst 2000". */
    public String describe() {
      String rate = perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
      return rate + " records/s, burst " + burst;
    }

    /** Parses {@code RATE} or {@code RATE:BURST} (the burst defaults to one second's worth, at least 1). */
    public static Limit parse(String text) {
      if (text == null || text.isBlank()) {
        return NONE;
      }
      String[] parts = text.trim().split(":", 2);
      try {
        double rate = Double.parseDouble(parts[0].trim());
        long burst = parts.length > 1 ? Long.parseLong(parts[1].trim()) : Math.max(1, (long) Math.ceil(rate));
        if (!(rate > 0) || Double.isInfinite(rate) || burst < 1) {
          throw new IllegalArgumentException("the rate limit must be RATE or RATE:BURST with both above 0; got '"
              + text + "'");
        }
        return new Limit(rate, burst);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the rate limit must be RATE or RATE:BURST (records per second and "
            + "bucket size), e.g. 1000:5000; got '" + text + "'");
      }
    }
  }

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }
  }

  private final Limit limit;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(Limit limit) {
    this(limit, System::nanoTime);
  }

  RateLimiter(Limit limit, LongSupplier nanoClock) {
    this.limit = limit == null ? Limit.NONE : limit;
    this.nanoClock = nanoClock;
  }

  public Limit limit() {
    return limit;
  }

  /** Takes {@code records} from the key's bucket, or throws 429 naming the limit and leaves the bucket as it was. */
  public void take(String key, int records) {
    if (!limit.on() || records <= 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
    double wait;
    synchronized (b) {
      double elapsed = Math.max(0, now - b.updatedNanos) / 1e9;
      b.tokens = Math.min(limit.burst(), b.tokens + elapsed * limit.perSecond());
      b.updatedNanos = now;
      double needed = Math.min(records, limit.burst());
      if (b.tokens >= needed) {
        b.tokens -= records;
        return;
      }
      wait = (needed - b.tokens) / limit.perSecond();
    }
    long retryAfter = Math.max(1, (long) Math.ceil(wait));
    throw new Refusal(429, "rate limit of " + limit.describe() + " for this write key exceeded; retry after "
        + retryAfter + " s", "writeKey", Map.of("Retry-After", Long.toString(retryAfter)));
  }
}
