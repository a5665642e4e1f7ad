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
 * a segment and its complement, which lag and lead by the same excess, the one that moved). Values with fewer than
 * {@code minAttempts} units over both windows are pooled into one {@code other} segment per dimension so the
 * contributions still add up; {@code unknown} (missing values) is always its own segment. Left out, because they
 * explain any move trivially: a dimension with a single segment, and the KPI's own outcome ({@link Kpi#isOutcome}).
 */
public final class Drivers {
  /** The segment pooling a dimension's values with too few units. */
  public static final String OTHER = "other";

  private Drivers() {}

  /**
   * The analysis: overall KPI (its own definition: a rate, or the median in seconds) in both windows, the change
   * of the decomposed rate, and the rows, largest |contribution| first.
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
    public Analysis withChangeStarts(int top, List<Dimension> dimensions) {
      List<Attempt> units = new ArrayList<>();
      before.stream().filter(kpi::counts).forEach(units::add);
      after.stream().filter(kpi::counts).forEach(units::add);
      units.sort(Comparator.comparingLong(Attempt::start).thenComparing(Attempt::id));
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

    private Long start(Driver d, Dimension dim, List<Attempt> units) {
      java.util.function.Predicate<Attempt> member = a -> segment(dim, a, this).equals(d.segment());
      List<Attempt> seq = d.mixDominated() ? units : units.stream().filter(member).toList();
      boolean[] xs = new boolean[seq.size()];
      for (int i = 0; i < xs.length; i++) {
        Attempt a = seq.get(i);
        xs[i] = d.mixDominated() ? member.test(a) : kpi.hit(a, median0);
      }
      double level0;
      double level1;
      if (d.mixDominated()) {
        level0 = units0 == 0 ? 0 : (double) d.units0() / units0;
        level1 = units1 == 0 ? 0 : (double) d.units1() / units1;
      } else {
        level0 = hitRate(before, member);
        level1 = hitRate(after, member);
      }
      int i = ChangeStart.of(xs, (level0 + level1) / 2, (int) Math.signum(level1 - level0));
      return i < 0 ? null : seq.get(i).start();
    }

    private double hitRate(List<Attempt> window, java.util.function.Predicate<Attempt> member) {
      long n = 0;
      long hits = 0;
      for (Attempt a : window) {
        if (kpi.counts(a) && member.test(a)) {
          n++;
          hits += kpi.hit(a, median0) ? 1 : 0;
        }
      }
      return n == 0 ? 0 : (double) hits / n;
    }
  }

  public static Analysis analyse(Kpi kpi, List<Attempt> before, List<Attempt> after, List<Dimension> dimensions,
      int minAttempts) {
    List<Attempt> units0 = before.stream().filter(kpi::counts).toList();
    List<Attempt> units1 = after.stream().filter(kpi::counts).toList();
    Double kpi0 = kpi.of(units0.stream().mapToDouble(kpi::value).toArray());
    Double kpi1 = kpi.of(units1.stream().mapToDouble(kpi::value).toArray());
    double median0 = kpi == Kpi.TIME_ON_TASK_P50 && kpi0 != null ? kpi0 : Double.NaN;
    List<Driver> rows = new ArrayList<>();
    long hits0 = units0.stream().filter(a -> kpi.hit(a, median0)).count();
    long hits1 = units1.stream().filter(a -> kpi.hit(a, median0)).count();
    Decomposition.Total total = Decomposition.total(List.of(
        new Decomposition.Counts(units0.size(), hits0, units1.size(), hits1)));
    for (Dimension dim : dimensions) {
      if (kpi.isOutcome(dim.name())) {
        continue;
      }
      Map<String, Group> groups = new TreeMap<>();
      units0.forEach(a -> groups.computeIfAbsent(dim.segmentOf().apply(a), g -> new Group()).add0(a, kpi, median0));
      units1.forEach(a -> groups.computeIfAbsent(dim.segmentOf().apply(a), g -> new Group()).add1(a, kpi, median0));
      Map<String, Group> pooled = pool(groups, minAttempts);
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
        double size = units0.isEmpty() || units1.isEmpty() ? 0
            : ((double) c.units0() / units0.size() + (double) c.units1() / units1.size()) / 2;
        rows.add(new Driver(dim.name(), e.getKey(), c.units0(), c.units1(),
            kpi.of(g.values0.stream().mapToDouble(Double::doubleValue).toArray()),
            kpi.of(g.values1.stream().mapToDouble(Double::doubleValue).toArray()), eff.rate(), eff.mix(), share,
            ProportionTest.pValue(c.hits0(), c.units0(), c.hits1(), c.units1()), null, null,
            change == null ? 0 : eff.contribution() - size * change));
      }
    }
    Double[] adjusted = BenjaminiHochberg.adjust(rows.stream().map(Driver::pValue).toArray(Double[]::new));
    for (int i = 0; i < rows.size(); i++) {
      rows.set(i, rows.get(i).withAdjusted(adjusted[i]));
    }
    double overall = total.change() == null ? 0 : total.change();
    rows.sort(Comparator.comparingInt((Driver d) -> d.contribution() * overall > 0 ? 0 : 1)
        .thenComparingDouble(d -> -Math.abs(d.excess()))
        .thenComparingDouble(d -> -Math.abs(d.contribution()))
        .thenComparing(d -> d.adjustedPValue() == null ? 2 : d.adjustedPValue())
        .thenComparing(Driver::dimension).thenComparing(Driver::segment));
    return new Analysis(kpi, units0.size(), units1.size(), kpi0, kpi1, total, List.copyOf(rows), before, after,
        median0);
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
    if (pooledAny) {
      Group existing = out.get(OTHER);
      if (existing != null) {
        other.merge(existing);
      }
      out.put(OTHER, other);
    }
    return out;
  }

  /** Units of one segment in both windows. */
  private static final class Group {
    final List<Double> values0 = new ArrayList<>();
    final List<Double> values1 = new ArrayList<>();
    long hits0;
    long hits1;

    void add0(Attempt a, Kpi kpi, double median0) {
      values0.add(kpi.value(a));
      hits0 += kpi.hit(a, median0) ? 1 : 0;
    }

    void add1(Attempt a, Kpi kpi, double median0) {
      values1.add(kpi.value(a));
      hits1 += kpi.hit(a, median0) ? 1 : 0;
    }

    void merge(Group g) {
      values0.addAll(g.values0);
      values1.addAll(g.values1);
      hits0 += g.hits0;
      hits1 += g.hits1;
    }

    long size() {
      return values0.size() + values1.size();
    }

    Decomposition.Counts counts() {
      return new Decomposition.Counts(values0.size(), hits0, values1.size(), hits1);
    }
  }
}
