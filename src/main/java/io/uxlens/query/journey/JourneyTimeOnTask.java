package io.uxlens.query.journey;

import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.Threshold;
import io.uxlens.journey.KpiAccumulator;
import io.uxlens.journey.KpiBucket;
import io.uxlens.query.Frames;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionSource;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time on task (start to success of completed attempts, seconds) per bucket: p50, p75 or p95 from the engine's
 * DDSketches (1% relative accuracy), one series per journey, quantile (and group), with the completed count it
 * rests on. The journey's time_on_task_p75 target is the p75 series' threshold.
 */
public final class JourneyTimeOnTask implements Metric {
  private final JourneyData data;

  public JourneyTimeOnTask(JourneyData data) {
    this.data = data;
  }

  @Override
  public String id() {
    return "journey.time_on_task";
  }

  @Override
  public String description() {
    return "Time on task of completed attempts (s) per bucket: p50, p75 or p95 (DDSketch, 1% relative accuracy)";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(),
        PayloadOption.multi("quantile", "Quantile", OptionSource.fixed("p50", "p75", "p95"),
            "quantiles of time on task").withDefaults("p75"),
        data.groupByOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.label("journey", "journey id"),
        RowColumn.label("quantile", "p50, p75 or p95"), RowColumn.groupBy(),
        RowColumn.number("value", "time on task, seconds"),
        RowColumn.number("completed", "completed attempts in the bucket (the sample)"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    List<DataFrame> frames = new ArrayList<>();
    for (JourneyData.Line line : data.lines(q, KpiAccumulator.Detail.TIME_ON_TASK)) {
      List<Long> completed = new ArrayList<>();
      line.buckets().forEach(b -> completed.add(b == null ? 0L : b.completed()));
      for (String quantile : q.payload().all("quantile")) {
        List<Double> values = new ArrayList<>();
        for (KpiBucket b : line.buckets()) {
          values.add(b == null ? null : switch (quantile) {
            case "p50" -> b.timeOnTaskP50();
            case "p75" -> b.timeOnTaskP75();
            default -> b.timeOnTaskP95();
          });
        }
        Map<String, String> labels = new LinkedHashMap<>(line.labels());
        labels.put("quantile", quantile);
        Duration target = line.journey().targets().timeOnTaskP75();
        List<Threshold> steps = target == null || !quantile.equals("p75") ? List.of()
            : List.of(new Threshold(null, "green"), new Threshold(target.toMillis() / 1000.0, "red"));
        FieldConfig config = FieldConfig.unit("s").withThresholds(steps)
            .withDisplayName(Frames.display(line.journey().name(), "time on task", quantile, line.group()));
        frames.add(Frames.series(id(), q.buckets(), labels, config, values,
            new Frames.Extra("completed", completed)));
      }
    }
    return frames;
  }
}
