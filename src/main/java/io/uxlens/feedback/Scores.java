package io.uxlens.feedback;

import io.uxlens.model.Feedback;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Survey scores over feedback lists: pure functions, no I/O. Each score only counts items of its own kind with a
 * score on its scale (NPS 0-10, CSAT 1-5, CES 1-7); anything else is ignored rather than guessed at.
 */
public final class Scores {
  public static final String NPS = "nps";
  public static final String CSAT = "csat";
  public static final String CES = "ces";
  /** Journey key for feedback not tied to any journey. */
  public static final String NO_JOURNEY = "";
  /** Upper bound on buckets in one series, so a tiny bucket over a long range cannot exhaust memory. */
  public static final int MAX_BUCKETS = 100_000;

  private Scores() {}

  public static Nps nps(List<Feedback> items) {
    int promoters = 0;
    int passives = 0;
    int detractors = 0;
    for (Feedback f : items) {
      if (!scored(f, NPS, 0, 10)) {
        continue;
      }
      if (f.score() >= 9) {
        promoters++;
      } else if (f.score() > 6) {
        passives++;
      } else {
        detractors++;
      }
    }
    return Nps.of(promoters, passives, detractors);
  }

  public static Csat csat(List<Feedback> items) {
    int n = 0;
    int satisfied = 0;
    for (Feedback f : items) {
      if (scored(f, CSAT, 1, 5)) {
        n++;
        if (f.score() >= 4) {
          satisfied++;
        }
      }
    }
    return Csat.of(satisfied, n);
  }

  /** Customer effort score: mean of 1-7 answers (higher = easier, the CES 2.0 scale). */
  public static Mean ces(List<Feedback> items) {
    double sum = 0;
    int n = 0;
    for (Feedback f : items) {
      if (scored(f, CES, 1, 7)) {
        sum += f.score();
        n++;
      }
    }
    return Mean.of(sum, n);
  }

  /**
   * Mean VADER compound over items that carry a sentiment. The sum is exact (rounded once), so the mean does not
   * depend on the order items are added in: the feedback rollups add per-bucket partial sums and get the same double.
   */
  public static Mean sentiment(List<Feedback> items) {
    ExactSum sum = new ExactSum();
    int n = 0;
    for (Feedback f : items) {
      if (f.sentiment() != null && Double.isFinite(f.sentiment())) {
        sum.add(f.sentiment());
        n++;
      }
    }
    return Mean.of(sum.toDouble(), n);
  }

  /** Start of the bucket holding {@code ts}: buckets are aligned to the Unix epoch. */
  public static long bucketStart(long ts, long bucketMs) {
    requirePositive(bucketMs);
    return Math.floorDiv(ts, bucketMs) * bucketMs;
  }

  /**
   * One score per bucket over [fromMs, toMs): every bucket in the range appears, empty ones with a null value,
   * so a panel shows gaps rather than zeros. Items outside the range are ignored.
   */
  public static <T> TreeMap<Long, T> byBucket(List<Feedback> items, long fromMs, long toMs, long bucketMs,
      Function<List<Feedback>, T> score) {
    requirePositive(bucketMs);
    if (toMs <= fromMs) {
      throw new IllegalArgumentException("time range must have to > from");
    }
    long first = bucketStart(fromMs, bucketMs);
    if ((toMs - first) / bucketMs > MAX_BUCKETS) {
      throw new IllegalArgumentException("too many buckets (more than " + MAX_BUCKETS + "): use a larger bucket");
    }
    TreeMap<Long, List<Feedback>> groups = new TreeMap<>();
    for (long b = first; b < toMs; b += bucketMs) {
      groups.put(b, new ArrayList<>());
    }
    for (Feedback f : items) {
      if (f.timestamp() >= fromMs && f.timestamp() < toMs) {
        groups.get(bucketStart(f.timestamp(), bucketMs)).add(f);
      }
    }
    TreeMap<Long, T> out = new TreeMap<>();
    groups.forEach((b, list) -> out.put(b, score.apply(list)));
    return out;
  }

  /** One score per journey, journeys in order of first appearance; no journey groups under {@link #NO_JOURNEY}. */
  public static <T> Map<String, T> byJourney(List<Feedback> items, Function<List<Feedback>, T> score) {
    Map<String, List<Feedback>> groups = new LinkedHashMap<>();
    for (Feedback f : items) {
      groups.computeIfAbsent(Objects.requireNonNullElse(f.journey(), NO_JOURNEY), k -> new ArrayList<>()).add(f);
    }
    Map<String, T> out = new LinkedHashMap<>();
    groups.forEach((j, list) -> out.put(j, score.apply(list)));
    return out;
  }

  private static boolean scored(Feedback f, String kind, double min, double max) {
    return kind.equals(f.kind()) && f.score() != null && f.score() >= min && f.score() <= max;
  }

  private static void requirePositive(long bucketMs) {
    if (bucketMs <= 0) {
      throw new IllegalArgumentException("bucket size must be > 0 ms");
    }
  }
}
