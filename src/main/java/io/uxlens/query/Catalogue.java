package io.uxlens.query;

import io.uxlens.Refusal;
import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Payload;
import io.uxlens.grafana.QueryRequest;
import io.uxlens.grafana.Target;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one query catalogue every adapter serves: metrics by id, payload validation (unknown metric, unknown option
 * value: a Refusal naming the valid ones), defaults, bucketing, and running a whole Grafana request.
 */
public final class Catalogue {
  /** Longer than any tag, service, journey or step anyone defines: such a value is malformed, not unknown. */
  static final int MAX_OPTION_CHARS = 256;

  private final Map<String, Metric> metrics;
  private final List<String> order;

  private Catalogue(Map<String, Metric> metrics) {
    this.metrics = Map.copyOf(metrics);
    this.order = List.copyOf(metrics.keySet());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Registration point: {@code Catalogue.builder().add(new PerfLatency(...)).add(...).build()}. */
  public static final class Builder {
    private final Map<String, Metric> metrics = new LinkedHashMap<>();

    public Builder add(Metric metric) {
      if (!metric.id().matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*")) {
        throw new IllegalArgumentException("metric id must be dot-separated lower case: " + metric.id());
      }
      if (metrics.putIfAbsent(metric.id(), metric) != null) {
        throw new IllegalArgumentException("metric registered twice: " + metric.id());
      }
      return this;
    }

    public Builder addAll(Collection<? extends Metric> all) {
      all.forEach(this::add);
      return this;
    }

    public Catalogue build() {
      return new Catalogue(metrics);
    }
  }

  /** Metrics in registration order. */
  public List<Metric> all() {
    return order.stream().map(metrics::get).toList();
  }

  public List<String> ids() {
    return order;
  }

  public Metric get(String id) {
    Metric m = id == null ? null : metrics.get(id);
    if (m == null) {
      throw Refusal.badRequest("target", "unknown metric '" + id + "'; valid metrics: " + String.join(", ", order));
    }
    return m;
  }

  public PayloadOption option(Metric metric, String name) {
    return metric.options().stream().filter(o -> o.name().equals(name)).findFirst()
        .orElseThrow(() -> Refusal.badRequest("name", "metric " + metric.id() + " has no option '" + name
            + "'; its options: " + String.join(", ", metric.options().stream().map(PayloadOption::name).toList())));
  }

  /**
   * Checks every strict option's values against its choices and fills defaults. Options the metric does not
   * declare are ignored: Grafana's editor keeps stale keys when a panel switches metric.
   */
  public Payload resolve(Metric metric, Payload given) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (PayloadOption o : metric.options()) {
      List<String> vs = given.all(o.name());
      if (vs.isEmpty()) {
        if (!o.defaults().isEmpty()) {
          out.put(o.name(), o.defaults());
        }
        continue;
      }
      if (o.type() == PayloadOption.Type.SELECT && vs.size() > 1) {
        throw Refusal.badRequest("payload." + o.name(), o.name() + " takes one value, got " + vs);
      }
      for (String v : vs) {
        if (v.length() > MAX_OPTION_CHARS || v.chars().anyMatch(Character::isISOControl)) {
          throw Refusal.badRequest("payload." + o.name(), o.name() + " values must be at most " + MAX_OPTION_CHARS
              + " characters without control characters");
        }
      }
      if (o.strict() && o.source() != null) {
        List<String> valid = o.source().options(given).stream().map(OptionValue::value).toList();
        for (String v : vs) {
          // nothing defined or seen yet (a fresh store): the value selects nothing rather than failing the panel
          if (!valid.isEmpty() && !valid.contains(v)) {
            throw Refusal.badRequest("payload." + o.name(), "unknown " + o.name() + " '" + v + "' for " + metric.id()
                + "; valid: " + String.join(", ", valid));
          }
        }
      }
      out.put(o.name(), vs);
    }
    return new Payload(out);
  }

  /** Runs every runnable target; frames carry their target's refId. */
  public List<DataFrame> run(QueryRequest request) {
    Buckets buckets = null;
    List<DataFrame> frames = new ArrayList<>();
    for (Target t : request.targets()) {
      if (!t.runnable()) {
        continue;
      }
      Metric m = get(t.target());
      if (buckets == null) {
        buckets = Buckets.of(request.range(), request.intervalMs(), request.maxDataPoints());
      }
      MetricQuery q = new MetricQuery(t.refId(), request.range(), buckets, resolve(m, t.payload()),
          request.filters());
      for (DataFrame f : m.query(q)) {
        frames.add(f.withRefId(t.refId()));
      }
    }
    return frames;
  }
}
