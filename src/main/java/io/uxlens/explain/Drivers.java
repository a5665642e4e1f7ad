package io.uxlens.explain;

import io.uxlens.model.Attempt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What moved a journey KPI between a comparison window and the current one, and for whom: every value of every
 * {@link Dimension} with its contribution to the overall change ({@link Decomposition}), its own change's p-value
 * (two proportions, Benjamini-Hochberg across all rows), ranked by |excess|: the contribution beyond the
 * segment's size (its mean share of units times the overall change). Ranked by raw |contribution|, whatever segment
 * holds most attempts would come first, since it carries its share of any diffuse change; a segment that moved the
 * KPI out of proportion to its size is the driver. Rows pushing the same way as the overall change come first (of
 * a segment and its complement, which lag and lead by the same excess, the one that moved), and among them those
 * whose own change is significant (adjusted p below {@link #SIGNIFICANT}): with few attempts, a small segment's
 * noise can exceed a real driver's excess. Values with fewer than {@code minAttempts} units over both windows are
 * pooled into one {@code other} segment per dimension so the contributions still add up; {@code unknown} (missing values) is always its own segment. Left out, because they
 * explain any move trivially: a dimension with a single segment, and the KPI's own outcome ({@link Kpi#isOutcome}).
 */
public final class Drivers {
  /** The segment pooling a dimension's values with too few units. */
  public static final String OTHER = "other";

  /** Rows whose own change has an adjusted p-value below this rank first. */
  public static final double SIGNIFICANT = 0.05;

  private Drivers() {}

  /**
   * The p-value of the segment's own change, in the effect that dominates its contribution: its rate (hits / units
   * in each window) or its size (units / all units in each window; a new app version is a change in size).
   */
  static Double pValue(Decomposition.Counts c, Decomposition.Effect e, long n0, long n1) {
    if (Math.abs(e.mix()) > Math.abs(e.rate())) {
      return ProportionTest.pValue(c.units0(), n0, c.units1(), n1);
    }
    return ProportionTest.pValue(c.hits0(), c.units0(), c.hits1(), c.units1());
  }

  /**
   * The analysis: overall KPI (its own definition: a rate, or the median in seconds) in both windows, the change
   * of the decomposed rate, and the rows in rank order.
   */
  public record Analysis(Kpi kpi, long units0, long units1, Double kpi0, Double kpi1, Decomposition.Total decomposed,
                         List<Driver> rows, List<Attempt> before, List<Attempt> after, double median0) {
    /** The overall KPI change in its own units; null unless both windows have units. */
    public Double change() {
      return kpi0 == null || kpi1 == null ? null : kpi1 - kpi0;
    }

    /**
     * The same analysis with {@code changeStart} set on the first {@code top} rows: the start time of the unit
     * where the segment's move began ({@link ChangeStart}).
     */
    public Analysis withChangeStarts(int top, java.util.function.Function<Driver, Long> startOf) {
      List<Driver> out = new ArrayList<>(rows);
      for (int i = 0; i < Math.min(top, out.size()); i++) {
        out.set(i, out.get(i).withChangeStart(startOf.apply(out.get(i))));
      }
      return new Analysis(kpi, units0, units1, kpi0, kpi1, decomposed, out, before, after, median0);
    }

    /** The row segment a value of {@code dimension} falls in: itself, or {@link #OTHER} when it was pooled. */
    public String segmentOf(String dimension, String value) {
      for (Driver d : rows) {
        if (d.dimension().equals(dimension) && d.segment().equals(value)) {
          return value;
        }
      }
      return OTHER;
    }

    public Analysis withChangeStarts(int top, List<Dimension> dimensions) {
      List<Attempt> units = new ArrayList<>();
      before.stream().filter(kpi::counts).forEach(units::add);
      after.stream().filter(kpi::counts).forEach(units::add);
      units.sort(Comparator.comparingLong(Attempt::windowEnd).thenComparing(Attempt::id));
      Map<String, Dimension> byName = new LinkedHashMap<>();
      dimensions.forEach(d -> byName.put(d.name(), d));
      List<Driver> out = new ArrayList<>(rows);
      for (int i = 0; i < Math.min(top, out.size()); i++) {
        Driver d = out.get(i);
        Dimension dim = byName.get(d.dimension());
        out.set(i, d.withChangeStart(dim == null ? null : start(d, dim, units)));
      }
      return new Analysis(kpi, units0, units1, kpi0, kpi1, decomposed, out, before, after, median0);
    }

    /**
     * Where the segment's share of hits among all units (members with the outcome, y) moved: its level differs
     * between the windows by the segment's contribution, so a new version, a burst of errors inside the segment
     * and a segment growing all start where y starts to move. Units are ordered by when their outcome was known
     * (their end): an error is seen when it happens, not when the attempt began. A segment new in the current
     * window starts at its first attempt.
     */
    private Long start(Driver d, Dimension dim, List<Attempt> units) {
      if (d.units0() == 0) {
        return after.stream().filter(a -> kpi.counts(a) && segment(dim, a, this).equals(d.segment()))
            .mapToLong(Attempt::start).min().stream().boxed().findFirst().orElse(null);
      }
      boolean[] ys = new boolean[units.size()];
      for (int i = 0; i < ys.length; i++) {
        Attempt a = units.get(i);
        ys[i] = segment(dim, a, this).equals(d.segment()) && kpi.hit(a, median0);
      }
      double level0 = level(before, dim, d);
      double level1 = level(after, dim, d);
      int i = ChangeStart.of(ys, (level0 + level1) / 2, (int) Math.signum(level1 - level0));
      return i < 0 ? null : units.get(i).windowEnd();
    }

    private double level(List<Attempt> window, Dimension dim, Driver d) {
      long n = 0;
      long hits = 0;
      for (Attempt a : window) {
        if (kpi.counts(a)) {
          n++;
          hits += kpi.hit(a, median0) && segment(dim, a, this).equals(d.segment()) ? 1 : 0;
        }
      }
      return n == 0 ? 0 : (double) hits / n;
    }
  }

  /** The rows of every dimension in {@code ranking}'s order. */
  public static Analysis analyse(Kpi kpi, List<Attempt> before, List<Attempt> after, List<Dimension> dimensions,
      int minAttempts, Ranking ranking) {
    List<Attempt> units0 = before.stream().filter(kpi::counts).toList();
    List<Attempt> units1 = after.stream().filter(kpi::counts).toList();
    Double kpi0 = kpi.of(units0.stream().mapToDouble(kpi::value).toArray());
    Double kpi1 = kpi.of(units1.stream().mapToDouble(kpi::value).toArray());
    double median0 = kpi == Kpi.TIME_ON_TASK_P50 && kpi0 != null ? kpi0 : Double.NaN;
    long hits0 = units0.stream().filter(a -> kpi.hit(a, median0)).count();
    long hits1 = units1.stream().filter(a -> kpi.hit(a, median0)).count();
    Map<String, Map<String, Group>> tallies = new LinkedHashMap<>();
    for (Dimension dim : dimensions) {
      Map<String, Group> groups = new TreeMap<>();
      units0.forEach(a -> groups.computeIfAbsent(dim.segmentOf().apply(a), g -> new Group()).add0(a, kpi, median0));
      units1.forEach(a -> groups.computeIfAbsent(dim.segmentOf().apply(a), g -> new Group()).add1(a, kpi, median0));
      tallies.put(dim.name(), groups);
    }
    Decomposition.Counts total = new Decomposition.Counts(units0.size(), hits0, units1.size(), hits1);
    List<Driver> rows = rows(kpi, tallies, total, minAttempts, ranking);
    return new Analysis(kpi, units0.size(), units1.size(), kpi0, kpi1, Decomposition.total(List.of(total)), rows,
        before, after, median0);
  }

  /**
   * The same rows from counts alone, for the rate KPIs: every segment's units and hits in both windows, by dimension
   * (each dimension's segments partition the units). What the rollups give; the KPIs are hits / units, exactly as
   * {@link #analyse} computes them. No change starts are set (callers date them from their own series).
   */
  public static Analysis fromCounts(Kpi kpi, Map<String, Map<String, Decomposition.Counts>> segments,
                                    Decomposition.Counts total, int minAttempts, Ranking ranking) {
    if (!kpi.rate()) {
      throw new IllegalArgumentException("counts alone do not give the median time on task");
    }
    Map<String, Map<String, Group>> tallies = new LinkedHashMap<>();
    segments.forEach((dim, values) -> {
      Map<String, Group> groups = new TreeMap<>();
      values.forEach((segment, c) -> groups.computeIfAbsent(segment, g -> new Group()).add(c));
      tallies.put(dim, groups);
    });
    List<Driver> rows = rows(kpi, tallies, total, minAttempts, ranking);
    return new Analysis(kpi, total.units0(), total.units1(), rate(total.hits0(), total.units0()),
        rate(total.hits1(), total.units1()), Decomposition.total(List.of(total)), rows, List.of(), List.of(),
        Double.NaN);
  }

  private static Double rate(long hits, long units) {
    return units == 0 ? null : (double) hits / units;
  }

  private static List<Driver> rows(Kpi kpi, Map<String, Map<String, Group>> tallies, Decomposition.Counts all,
                                   int minAttempts, Ranking ranking) {
    List<Driver> rows = new ArrayList<>();
    Decomposition.Total total = Decomposition.total(List.of(all));
    for (Map.Entry<String, Map<String, Group>> dim : tallies.entrySet()) {
      if (kpi.isOutcome(dim.getKey())) {
        continue;
      }
      Map<String, Group> pooled = pool(dim.getValue(), minAttempts);
      if (pooled.size() < 2) {
        continue; // one segment holds every unit: it "explains" any move and says nothing
      }
      List<Decomposition.Counts> counts = pooled.values().stream().map(Group::counts).toList();
      List<Decomposition.Effect> effects = Decomposition.effects(counts);
      Double change = total.change();
      int i = 0;
      for (Map.Entry<String, Group> e : pooled.entrySet()) {
        Group g = e.getValue();
        Decomposition.Effect eff = effects.get(i++);
        Double share = change == null || change == 0 ? null : eff.contribution() / change;
        Decomposition.Counts c = g.counts();
        double size = all.units0() == 0 || all.units1() == 0 ? 0
            : ((double) c.units0() / all.units0() + (double) c.units1() / all.units1()) / 2;
        rows.add(new Driver(dim.getKey(), e.getKey(), c.units0(), c.units1(), g.kpi0(kpi), g.kpi1(kpi), eff.rate(),
            eff.mix(), share, pValue(c, eff, all.units0(), all.units1()), null, null,
            change == null ? 0 : eff.contribution() - size * change));
      }
    }
    Double[] adjusted = BenjaminiHochberg.adjust(rows.stream().map(Driver::pValue).toArray(Double[]::new));
    for (int i = 0; i < rows.size(); i++) {
      rows.set(i, rows.get(i).withAdjusted(adjusted[i]));
    }
    rows.sort(ranking.order(total.change() == null ? 0 : total.change()));
    return List.copyOf(rows);
  }

  /** {@link #analyse(Kpi, List, List, List, int, Ranking)} in the default order, {@link Ranking#EXCESS}. */
  public static Analysis analyse(Kpi kpi, List<Attempt> before, List<Attempt> after, List<Dimension> dimensions,
      int minAttempts) {
    return analyse(kpi, before, after, dimensions, minAttempts, Ranking.EXCESS);
  }

  /** The order of the rows. */
  public enum Ranking {
    /**
     * Rows pushing the way of the overall change first, among them those with an adjusted p below
     * {@link #SIGNIFICANT}, then by |excess| (contribution beyond the segment's size), then |contribution|.
     */
    EXCESS("excess"),
    /** By |contribution| alone: the biggest segments come first, since they carry their share of any change. */
    CONTRIBUTION("contribution");

    private final String wire;

    Ranking(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    /** The ranking named {@code wire}; empty for any other name. */
    public static java.util.Optional<Ranking> of(String wire) {
      for (Ranking r : values()) {
        if (r.wire.equals(wire)) {
          return java.util.Optional.of(r);
        }
      }
      return java.util.Optional.empty();
    }

    Comparator<Driver> order(double overall) {
      Comparator<Driver> tail = Comparator.comparing((Driver d) -> d.adjustedPValue() == null ? 2
          : d.adjustedPValue()).thenComparing(Driver::dimension).thenComparing(Driver::segment);
      if (this == CONTRIBUTION) {
        return Comparator.comparingDouble((Driver d) -> -Math.abs(d.contribution())).thenComparing(tail);
      }
      return Comparator.comparingInt((Driver d) -> d.contribution() * overall > 0 ? 0 : 1)
          .thenComparingInt(d -> d.adjustedPValue() != null && d.adjustedPValue() < SIGNIFICANT ? 0 : 1)
          .thenComparingDouble(d -> -Math.abs(d.excess()))
          .thenComparingDouble(d -> -Math.abs(d.contribution()))
          .thenComparing(tail);
    }
  }

  /** The segment an attempt falls in for this analysis' pooling of small values. */
  static String segment(Dimension dim, Attempt a, Analysis analysis) {
    String s = dim.segmentOf().apply(a);
    for (Driver d : analysis.rows()) {
      if (d.dimension().equals(dim.name()) && d.segment().equals(s)) {
        return s;
      }
    }
    return OTHER;
  }

  private static Map<String, Group> pool(Map<String, Group> groups, int minAttempts) {
    Map<String, Group> out = new LinkedHashMap<>();
    Group other = new Group();
    boolean pooledAny = false;
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      if (g.size() >= minAttempts || e.getKey().equals(Dimension.UNKNOWN)) {
        out.put(e.getKey(), g);
      } else {
        other.merge(g);
        pooledAny = true;
      }
    }
    if (pooledAny && other.size() == pooledSize(groups, minAttempts, true)) {
      // a single small value pooled alone would only lose its name
      String only = groups.entrySet().stream().filter(e -> e.getValue().size() < minAttempts
          && !e.getKey().equals(Dimension.UNKNOWN)).map(Map.Entry::getKey).findFirst().orElseThrow();
      out.put(only, groups.get(only));
      return out;
    }
    if (pooledAny) {
      Group existing = out.get(OTHER);
      if (existing != null) {
        other.merge(existing);
      }
      out.put(OTHER, other);
    }
    return out;
  }

  /** Units of the values to pool; {@code single}: only when exactly one value is pooled (else -1). */
  private static long pooledSize(Map<String, Group> groups, int minAttempts, boolean single) {
    List<Group> small = groups.entrySet().stream().filter(e -> e.getValue().size() < minAttempts
        && !e.getKey().equals(Dimension.UNKNOWN)).map(Map.Entry::getValue).toList();
    return single && small.size() != 1 ? -1 : small.stream().mapToLong(Group::size).sum();
  }

  /** Units of one segment in both windows; their KPI values too when the KPI is not a rate (a median needs them). */
  private static final class Group {
    final List<Double> values0 = new ArrayList<>();
    final List<Double> values1 = new ArrayList<>();
    long units0;
    long units1;
    long hits0;
    long hits1;

    void add0(Attempt a, Kpi kpi, double median0) {
      units0++;
      hits0 += kpi.hit(a, median0) ? 1 : 0;
      if (!kpi.rate()) {
        values0.add(kpi.value(a));
      }
    }

    void add1(Attempt a, Kpi kpi, double median0) {
      units1++;
      hits1 += kpi.hit(a, median0) ? 1 : 0;
      if (!kpi.rate()) {
        values1.add(kpi.value(a));
      }
    }

    void add(Decomposition.Counts c) {
      units0 += c.units0();
      units1 += c.units1();
      hits0 += c.hits0();
      hits1 += c.hits1();
    }

    void merge(Group g) {
      values0.addAll(g.values0);
      values1.addAll(g.values1);
      units0 += g.units0;
      units1 += g.units1;
      hits0 += g.hits0;
      hits1 += g.hits1;
    }

    long size() {
      return units0 + units1;
    }

    /** A rate is hits / units (what the mean of the 1/0 values gives, exactly); else the KPI of the values. */
    Double kpi0(Kpi kpi) {
      return kpi.rate() ? rate(hits0, units0) : kpi.of(values0.stream().mapToDouble(Double::doubleValue).toArray());
    }

    Double kpi1(Kpi kpi) {
      return kpi.rate() ? rate(hits1, units1) : kpi.of(values1.stream().mapToDouble(Double::doubleValue).toArray());
    }

    Decomposition.Counts counts() {
      return new Decomposition.Counts(units0, hits0, units1, hits1);
    }
  }
}
