package io.uxlens.query.journey;

import io.uxlens.Refusal;
import io.uxlens.correlate.LatencyBuckets;
import io.uxlens.grafana.DataFrame;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Completion rate by the latency an attempt saw (mean span latency of its session during the attempt): one row
 * per journey and latency band. Bands are the data's quartiles unless the {@code edges} option gives them (ms,
 * comma-separated). Only finished attempts with spans take part.
 */
public final class CompletionByLatency implements Metric {
  private static final Table TABLE = new Table()
      .text("journey", "journey id")
      .text("band", "latency band, e.g. 120-250 ms")
      .maybe("from_ms", "ms", "band start, ms (null: open below)")
      .maybe("to_ms", "ms", "band end, ms, exclusive (null: open above)")
      .number("attempts", "none", "finished attempts with spans in the band")
      .number("completed", "none", "of which completed")
      .maybe("completion_rate", "percentunit", "completed / attempts (null for an empty band)")
      .maybe("mean_latency_ms", "ms", "mean latency of the band's attempts");

  private final JourneyData data;

  public CompletionByLatency(JourneyData data) {
    this.data = data;
  }

  @Override
  public String id() {
    return "correlation.completion_by_latency";
  }

  @Override
  public String description() {
    return "Completion rate per band of the latency an attempt saw (quartiles, or edges in ms)";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(), new PayloadOption("edges", "Edges (ms)", PayloadOption.Type.INPUT, null,
        List.of(), List.of(), false, "band edges in ms, comma-separated, e.g. 250,500,1000 (default: quartiles)"));
  }

  @Override
  public List<RowColumn> rowColumns() {
    return TABLE.rowColumns();
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    double[] edges = edges(q.payload().all("edges")).orElse(null);
    Table.Rows rows = TABLE.rows();
    for (JourneyDefinition j : data.journeys(q)) {
      var state = data.correlation(q, j);
      List<LatencyBuckets.Band> bands = state.isPresent() ? LatencyBuckets.completionByLatency(state.get(), edges)
          : LatencyBuckets.completionByLatency(data.attempts(q, j), edges);
      for (LatencyBuckets.Band b : bands) {
        rows.add(j.id(), band(b.fromMs(), b.toMs()), b.fromMs(), b.toMs(), b.attempts(), b.completed(),
            b.completionRate(), b.meanLatencyMs());
      }
    }
    return List.of(rows.frame(id()));
  }

  /** Edges from the option (Infinity splits commas into values, the JSON API editor sends one text). */
  static Optional<double[]> edges(List<String> given) {
    List<Double> out = new ArrayList<>();
    for (String g : given) {
      for (String part : g.split(",")) {
        String t = part.strip();
        if (t.isEmpty()) {
          continue;
        }
        double v;
        try {
          v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
          v = Double.NaN;
        }
        if (!Double.isFinite(v) || v < 0) {
          throw Refusal.badRequest("payload.edges", "edges must be non-negative milliseconds separated by commas,"
              + " e.g. 250,500,1000; got '" + t + "'");
        }
        out.add(v);
      }
    }
    if (out.size() > 20) {
      throw Refusal.badRequest("payload.edges", "at most 20 edges, got " + out.size());
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static String band(Double from, Double to) {
    if (from == null && to == null) {
      return "all";
    }
    if (from == null) {
      return "< " + ms(to) + " ms";
    }
    return to == null ? ">= " + ms(from) + " ms" : ms(from) + "-" + ms(to) + " ms";
  }

  private static String ms(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
