package io.uxlens.query.journey;

import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.KpiAccumulator;
import io.uxlens.journey.KpiBucket;
import io.uxlens.query.Frames;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.OptionSource;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step latency (seconds from the previous step to this one, attempts reaching it in order) per bucket: p50, p95
 * or p99, one series per journey, step, quantile (and group), with the attempts that reached the step. The step
 * option lists the chosen journey's steps (the editor reloads it when the journey changes); "all" gives every
 * step but the first, which starts the attempt and so has no latency.
 */
public final class JourneyStepLatency implements Metric {
  private final JourneyData data;

  public JourneyStepLatency(JourneyData data) {
    this.data = data;
  }

  @Override
  public String id() {
    return "journey.step_latency";
  }

  @Override
  public String description() {
    return "Latency into a step (s from the previous step) per bucket: p50, p95 or p99 (DDSketch, 1%)";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(), data.stepOption(),
        PayloadOption.multi("quantile", "Quantile", OptionSource.fixed("p50", "p95", "p99"),
            "quantiles of step latency").withDefaults("p95"),
        data.groupByOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(RowColumn.time(), RowColumn.label("journey", "journey id"), RowColumn.label("step", "step id"),
        RowColumn.label("quantile", "p50, p95 or p99"), RowColumn.groupBy(),
        RowColumn.number("value", "seconds from the previous step"),
        RowColumn.number("reached", "attempts that reached the step in the bucket (the sample)"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    String step = q.payload().first("step").orElse(JourneyData.ALL);
    List<DataFrame> frames = new ArrayList<>();
    for (JourneyData.Line line : data.lines(q, KpiAccumulator.Detail.STEP_LATENCY)) {
      JourneyDefinition j = line.journey();
      for (int i = 0; i < j.steps().size(); i++) {
        String stepId = j.step(i).id();
        if (JourneyData.ALL.equals(step) ? i == 0 : !stepId.equals(step)) {
          continue;
        }
        final int index = i;
        List<Long> reached = new ArrayList<>();
        line.buckets().forEach(b -> reached.add(b == null ? 0L : b.steps().get(index).reached()));
        for (String quantile : q.payload().all("quantile")) {
          List<Double> values = new ArrayList<>();
          for (KpiBucket b : line.buckets()) {
            KpiBucket.StepKpi s = b == null ? null : b.steps().get(index);
            values.add(s == null ? null : switch (quantile) {
              case "p50" -> s.latencyP50();
              case "p95" -> s.latencyP95();
              default -> s.latencyP99();
            });
          }
          Map<String, String> labels = new LinkedHashMap<>(line.labels());
          labels.put("step", stepId);
          labels.put("quantile", quantile);
          FieldConfig config = FieldConfig.unit("s")
              .withDisplayName(Frames.display(j.name(), stepId, quantile, line.group()));
          frames.add(Frames.series(id(), q.buckets(), labels, config, values,
              new Frames.Extra("reached", reached)));
        }
      }
    }
    return frames;
  }
}
