package io.uxlens.demo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Synthetic telemetry for the four default journeys, as wire-neutral {@link DemoRecord}s. Pure: the only clock
 * is the anchor "now" passed in, and every draw comes from one seeded generator consumed in a fixed order, so the
 * same seed, anchor and days give the same records.
 */
public final class DemoGenerator {
  static final List<Script> SCRIPTS = List.of(new OnboardingScript(), new ImportScript(), new CheckoutScript(),
      new AccountOpeningScript());

  private final long seed;
  private final double scale;

  /** {@code scale} multiplies every journey's daily volume (1 = about 1,600 sessions a weekday). */
  public DemoGenerator(long seed, double scale) {
    if (!(scale > 0) || scale > 1_000) {
      throw new IllegalArgumentException("scale must be in (0, 1000]");
    }
    this.seed = seed;
    this.scale = scale;
  }

  /** The journeys the generator plays, in order. */
  public static List<String> journeys() {
    return SCRIPTS.stream().map(Script::journey).toList();
  }

  /** One simulated hour of history: the sessions that start in it, each with all its records. */
  public record Hour(long start, int index, int of, List<DemoRecord> records) {}

  /** The history as one record stream (annotations first, then sessions hour by hour). */
  public Stream<DemoRecord> history(long now, int days) {
    Iterable<Hour> hours = () -> hours(now, days);
    return StreamSupport.stream(hours.spliterator(), false).flatMap(h -> h.records().stream());
  }

  /** The history hour by hour; records of a session may lie after the hour, or after now (the caller decides). */
  public Iterator<Hour> hours(long now, int days) {
    DemoTimeline timeline = DemoTimeline.of(now, days);
    SplittableRandom root = new SplittableRandom(seed);
    long first = Math.floorDiv(timeline.start(), DemoTimeline.HOUR) * DemoTimeline.HOUR;
    int total = (int) ((now - first + DemoTimeline.HOUR - 1) / DemoTimeline.HOUR);
    return new Iterator<>() {
      int index;
      long sessions;

      @Override
      public boolean hasNext() {
        return index < total;
      }

      @Override
      public Hour next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        long hourStart = first + index * DemoTimeline.HOUR;
        List<DemoRecord> records = new ArrayList<>();
        if (index == 0) {
          records.addAll(notes(timeline));
        }
        for (Script script : SCRIPTS) {
          SplittableRandom r = root.split();
          int n = poisson(r, script.rhythm().perHour(hourStart) * scale);
          for (int i = 0; i < n; i++) {
            long t = hourStart + r.nextLong(DemoTimeline.HOUR);
            long number = sessions++;
            SplittableRandom sr = r.split();
            if (t >= timeline.start() && t < now) {
              records.addAll(session(script, sr, "s" + seed + "-" + number, number, t, timeline));
            }
          }
        }
        return new Hour(hourStart, index++, total, records);
      }
    };
  }

  /** Live traffic: about {@code perSecond} sessions a second start in [from, to), split like the history. */
  public final class Live {
    private final SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    private final DemoTimeline timeline;
    private long sessions;

    private Live(long now, int days) {
      this.timeline = DemoTimeline.of(now, days);
    }

    public List<DemoRecord> sessions(long from, long to, double perSecond) {
      List<DemoRecord> out = new ArrayList<>();
      double[] weights = SCRIPTS.stream().mapToDouble(s -> s.rhythm().perHour(from)).toArray();
      double sum = java.util.Arrays.stream(weights).sum();
      int n = poisson(rng, perSecond * (to - from) / 1000.0);
      for (int i = 0; i < n; i++) {
        double u = rng.nextDouble() * sum;
        int k = 0;
        while (k < weights.length - 1 && u >= weights[k]) {
          u -= weights[k++];
        }
        long number = sessions++;
        out.addAll(session(SCRIPTS.get(k), rng.split(), "live" + seed + "-" + number, 1_000_000_000L + number,
            from + rng.nextLong(Math.max(1, to - from)), timeline));
      }
      return out;
    }
  }

  public Live live(long now, int days) {
    return new Live(now, days);
  }

  public DemoTimeline timeline(long now, int days) {
    return DemoTimeline.of(now, days);
  }

  private List<DemoRecord> session(Script script, SplittableRandom r, String id, long number, long t,
                                   DemoTimeline timeline) {
    Users.User user = Users.of(seed, script.userId(r, number), script.mobileShare());
    Session s = new Session(r, id, user, timeline.appVersion(t, r.nextDouble()), timeline, script.journey());
    script.play(s, t);
    return s.records();
  }

  private static List<DemoRecord> notes(DemoTimeline tl) {
    List<DemoRecord> notes = new ArrayList<>();
    notes.add(new DemoRecord.Note(tl.experimentStart(), null, "demo-experiment-start",
        "Experiment " + Users.EXPERIMENT + " started",
        "A/B test on inventory import: B adds a progress bar and clear row errors (50/50 by merchant).",
        List.of("experiment", "inventory-import")));
    for (DemoTimeline.Release r : tl.releases()) {
      if (r.at() >= tl.start()) {
        notes.add(new DemoRecord.Note(r.at(), null, "demo-release-" + r.version(), "Release web app " + r.version(),
            "Rolled out gradually to users.", List.of("deploy", "release")));
      }
    }
    notes.add(new DemoRecord.Note(tl.deployAt(), null, "demo-deploy-checkout-api", "Deploy checkout-api 2.5.0",
        "New order query plan (migration 0042).", List.of("deploy", "checkout")));
    notes.add(new DemoRecord.Note(tl.deployAt(), tl.incidentEnd(), "demo-incident-checkout",
        "Incident: checkout errors", "Orders database slow after checkout-api 2.5.0; order placement failing.",
        List.of("incident", "checkout")));
    notes.add(new DemoRecord.Note(tl.incidentEnd(), null, "demo-rollback-checkout-api",
        "Rollback checkout-api to 2.4.3", "Incident resolved by rollback.", List.of("deploy", "rollback", "checkout")));
    return notes;
  }

  /** Poisson counts; a normal approximation for large means keeps big scales fast and finite. */
  static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = r.nextDouble();
    int k = 0;
    while (p > limit) {
      p *= r.nextDouble();
      k++;
    }
    return k;
  }
}
