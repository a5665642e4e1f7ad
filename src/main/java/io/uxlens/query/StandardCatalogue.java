package io.uxlens.query;

import io.uxlens.experiment.ExperimentCatalog;
import io.uxlens.explain.PrometheusRange;
import io.uxlens.feedback.SprintCalendar;
import io.uxlens.feedback.FeedbackSeries;
import io.uxlens.feedback.Vader;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.JourneyDefinitions;
import io.uxlens.journey.JourneyKpis;
import io.uxlens.query.experiment.ExperimentAnnotationSource;
import io.uxlens.query.experiment.ExperimentExposures;
import io.uxlens.query.experiment.ExperimentInputs;
import io.uxlens.query.experiment.ExperimentLift;
import io.uxlens.query.experiment.ExperimentResults;
import io.uxlens.query.feedback.FeedbackData;
import io.uxlens.query.feedback.FeedbackPainPoints;
import io.uxlens.query.feedback.FeedbackQuotes;
import io.uxlens.query.feedback.FeedbackScore;
import io.uxlens.query.feedback.FeedbackVolume;
import io.uxlens.query.journey.BottlenecksTable;
import io.uxlens.query.journey.CompletionByLatency;
import io.uxlens.query.journey.JourneyData;
import io.uxlens.query.journey.JourneyDrivers;
import io.uxlens.query.journey.JourneyFunnel;
import io.uxlens.query.journey.JourneyKpiTable;
import io.uxlens.query.journey.JourneyRate;
import io.uxlens.query.journey.JourneyStepLatency;
import io.uxlens.query.journey.JourneyTimeOnTask;
import io.uxlens.query.journey.JourneyVariables;
import io.uxlens.query.journey.LatencyCompletion;
import io.uxlens.query.journey.SystemCorrelation;
import io.uxlens.query.perf.PerfData;
import io.uxlens.query.perf.PerfErrorRate;
import io.uxlens.query.perf.PerfLatency;
import io.uxlens.query.perf.PerfWebVitals;
import io.uxlens.references.IndustryReferences;
import io.uxlens.store.AnnotationReads;
import io.uxlens.store.ContextReads;
import io.uxlens.store.ExperimentFirstAttempts;
import io.uxlens.store.ExposureStore;
import io.uxlens.store.FeedbackReads;
import io.uxlens.store.FeedbackRollupStore;
import io.uxlens.store.JourneyRollupStore;
import io.uxlens.store.JourneyStore;
import io.uxlens.store.PerfReads;
import io.uxlens.store.TelemetryRollupStore;
import io.uxlens.telemetry.TelemetrySeries;
import io.uxlens.store.SessionTelemetryStore;
import io.uxlens.store.SpikeStore;
import io.uxlens.store.Store;
import io.uxlens.store.Writer;
import java.util.List;

/**
 * Every metric and dashboard variable UX Lens serves, wired to the stores and engines that answer them. A new metric
 * is one class implementing {@link Metric} plus one {@code .add(...)} line in {@link #build}.
 */
public final class StandardCatalogue {
  private StandardCatalogue() {}

  /** What both Grafana adapters read: the metrics, the variables and the context values for ad hoc filters. */
  public record ReadModel(Catalogue catalogue, Variables variables, ContextIndex contexts) {}

  /** With the shipped feedback sentiment (VADER plus the product lexicon). */
  public static ReadModel build(Store store, JourneyDefinitions definitions, JourneyKpis kpis,
      ExperimentCatalog experiments, IndustryReferences benchmarks, SprintCalendar sprints) {
    return build(store, definitions, kpis, experiments, benchmarks, sprints, Vader.feedback());
  }

  /** {@code sentiment} scores feedback texts stored without a score, as ingest does. */
  public static ReadModel build(Store store, JourneyDefinitions definitions, JourneyKpis kpis,
      ExperimentCatalog experiments, IndustryReferences benchmarks, SprintCalendar sprints, Vader sentiment) {
    return build(store, definitions, kpis, experiments, benchmarks, sprints, sentiment, null);
  }

  /** {@code prometheus} answers {@code correlation.system}'s PromQL; null: that metric says how to enable it. */
  public static ReadModel build(Store store, JourneyDefinitions definitions, JourneyKpis kpis,
      ExperimentCatalog experiments, IndustryReferences benchmarks, SprintCalendar sprints, Vader sentiment,
      PrometheusRange prometheus) {
    ContextIndex contexts = new ContextIndex(new ContextReads(store.jdbi()));
    PerfReads perfReads = new PerfReads(store.jdbi());
    PerfData perf = new PerfData(perfReads, contexts);
    TelemetrySeries telemetry = new TelemetrySeries(new TelemetryRollupStore(store.jdbi()));
    FeedbackData feedback = new FeedbackData(new FeedbackReads(store.jdbi()), perfReads, contexts, sentiment,
        definitions.all().stream().map(JourneyDefinition::id).toList(),
        new FeedbackSeries(new FeedbackRollupStore(store.jdbi()), sentiment));
    JourneyData journey = new JourneyData(kpis);
    ExposureStore exposures = new ExposureStore(store.jdbi());
    ExperimentInputs experimentInputs = new ExperimentInputs(experiments, exposures,
        new ExperimentFirstAttempts(store.jdbi()), kpis);
    ExperimentAnnotationSource experimentTimes = new ExperimentAnnotationSource(experiments);
    OptionSource journeyIds = payload -> definitions.all().stream().map(j -> OptionValue.of(j.id())).toList();
    Catalogue catalogue = Catalogue.builder()
        .add(JourneyRate.attempts(journey))
        .add(JourneyRate.completionRate(journey))
        .add(JourneyRate.abandonmentRate(journey))
        .add(JourneyRate.errorRate(journey))
        .add(new JourneyTimeOnTask(journey))
        .add(new JourneyStepLatency(journey))
        .add(new JourneyFunnel(journey))
        .add(new JourneyKpiTable(journey, benchmarks))
        .add(new CompletionByLatency(journey))
        .add(new BottlenecksTable(journey, new SessionTelemetryStore(store.jdbi())))
        .add(new LatencyCompletion(journey))
        .add(new JourneyDrivers(journey, new AnnotationReads(store.jdbi()), experimentTimes))
        .add(new SystemCorrelation(journey, prometheus))
        .add(new PerfLatency(perf, telemetry))
        .add(new PerfErrorRate(perf, telemetry))
        .add(new PerfWebVitals(perf, telemetry))
        .add(new AnnotationsMetric(new AnnotationReads(store.jdbi()), journeyIds, List.of(
            new SpikeAnnotationSource(definitions, new SpikeStore(store.jdbi())),
            experimentTimes)))
        .add(FeedbackScore.nps(feedback, benchmarks))
        .add(FeedbackScore.csat(feedback, benchmarks))
        .add(FeedbackScore.ces(feedback))
        .add(FeedbackScore.sentiment(feedback))
        .add(new FeedbackVolume(feedback))
        .add(new FeedbackPainPoints(feedback, sprints, new io.uxlens.store.ComplaintStore(store.jdbi())))
        .add(new FeedbackQuotes(feedback))
        .add(new ExperimentResults(experimentInputs))
        .add(new ExperimentExposures(experimentInputs, exposures))
        .add(new ExperimentLift(experimentInputs))
        .build();
    Variables variables = JourneyVariables.register(DataVariables.register(Variables.builder(), contexts, perfReads,
        exposures, experiments), definitions).build();
    return new ReadModel(catalogue, variables, contexts);
  }
}
