package io.uxlens.query.experiment;

import io.uxlens.experiment.Variant;
import io.uxlens.grafana.DataFrame;
import io.uxlens.query.Frames;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import io.uxlens.store.ExposureStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * New units per bucket and variant: units whose first exposure to the experiment fell in the bucket (a unit seen
 * again, or in another variant, is not new). One series per variant, declared ones included; a count, so a bucket
 * without new units is 0, not null. Stacked, the series show whether traffic splits as the weights say.
 */
public final class ExperimentExposures implements Metric {
  private final ExperimentInputs inputs;
  private final ExposureStore exposures;

  public ExperimentExposures(ExperimentInputs inputs, ExposureStore exposures) {
    this.inputs = inputs;
    this.exposures = exposures;
  }

  @Override
  public String id() {
    return "experiment.exposures";
  }

  @Override
  public String description() {
    return "Newly exposed units per bucket, one series per variant (first exposure assigns the unit)";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(inputs.experimentOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.label("experiment", "experiment id"),
        RowColumn.label("variant", "variant id"), RowColumn.number("value", "units first exposed in the bucket"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    Optional<String> id = q.payload().first("experiment").or(() -> inputs.ids(false).stream().findFirst());
    if (id.isEmpty()) {
      return List.of();
    }
    long step = q.buckets().stepMs();
    Map<Long, Map<String, Long>> perBucket = exposures.newUnitsPerBucket(id.get(), q.buckets().startMs(),
        q.buckets().time(q.buckets().count() - 1) + step, step);
    TreeSet<String> variants = new TreeSet<>();
    inputs.catalog().declared(id.get()).ifPresent(d -> d.variants().stream().map(Variant::id).forEach(variants::add));
    perBucket.values().forEach(m -> variants.addAll(m.keySet()));
    List<DataFrame> frames = new ArrayList<>();
    for (String v : variants) {
      List<Long> counts = new ArrayList<>(q.buckets().count());
      for (int i = 0; i < q.buckets().count(); i++) {
        counts.add(perBucket.getOrDefault(q.buckets().time(i), Map.of()).getOrDefault(v, 0L));
      }
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("experiment", id.get());
      labels.put("variant", v);
      frames.add(Frames.series(id(), q.buckets(), labels, "short", v, counts));
    }
    return frames;
  }
}
