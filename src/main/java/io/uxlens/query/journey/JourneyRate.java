package io.uxlens.query.journey;

import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.Threshold;
import io.uxlens.journey.JourneyDefinition;
import io.uxlens.journey.KpiAccumulator;
import io.uxlens.journey.KpiBucket;
import io.uxlens.query.Frames;
import io.uxlens.query.Metric;
import io.uxlens.query.MetricQuery;
import io.uxlens.query.PayloadOption;
import io.uxlens.query.RowColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Journey counts and rates per bucket (an attempt belongs to the bucket of its start), one series per journey
 * (and group), labelled {@code journey}: {@code journey.attempts} and the completion, abandonment and error
 * rates, each with its numerator and denominator hidden from graphs. A bucket where no attempt started is null,
 * and a rate is null while nothing finished. Journey targets become the rate's thresholds.
 */
public final class JourneyRate implements Metric {
  /** A column riding along with the value: its name and how a bucket gives it. */
  private record Count(String name, String description, ToLongFunction<KpiBucket> of) {}

  private final JourneyData data;
  private final String id;
  private final String description;
  private final String display;
  private final FieldConfig config;
  private final Function<KpiBucket, Number> value;
  private final Function<JourneyDefinition, List<Threshold>> thresholds;
  private final List<Count> counts;

  private JourneyRate(JourneyData data, String id, String description, String display, FieldConfig config,
      Function<KpiBucket, Number> value, Function<JourneyDefinition, List<Threshold>> thresholds,
      List<Count> counts) {
    this.data = data;
    this.id = id;
    this.description = description;
    this.display = display;
    this.config = config;
    this.value = value;
    this.thresholds = thresholds;
    this.counts = counts;
  }

  private static final Count FINISHED = new Count("finished", "completed + abandoned attempts (the denominator)",
      KpiBucket::finished);

  public static JourneyRate attempts(JourneyData data) {
    return new JourneyRate(data, "journey.attempts", "Attempts started per bucket, with completed, abandoned and"
        + " in-progress counts", "attempts", FieldConfig.unit("short"), KpiBucket::attempts, j -> List.of(),
        List.of(new Count("completed", "attempts that completed", KpiBucket::completed),
            new Count("abandoned", "attempts abandoned", KpiBucket::abandoned),
            new Count("in_progress", "attempts still open", KpiBucket::inProgress)));
  }

  public static JourneyRate completionRate(JourneyData data) {
    return new JourneyRate(data, "journey.completion_rate", "Completed / finished attempts per bucket (0..1),"
        + " thresholds at the journey's target", "completion rate", rate(), KpiBucket::completionRate,
        j -> j.targets().completionRate() == null ? List.of()
            : List.of(new Threshold(null, "red"), new Threshold(j.targets().completionRate(), "green")),
        List.of(new Count("completed", "attempts that completed", KpiBucket::completed), FINISHED));
  }

  public static JourneyRate abandonmentRate(JourneyData data) {
    return new JourneyRate(data, "journey.abandonment_rate", "Abandoned / finished attempts per bucket (0..1)",
        "abandonment rate", rate(), KpiBucket::abandonmentRate, j -> List.of(),
        List.of(new Count("abandoned", "attempts abandoned", KpiBucket::abandoned), FINISHED));
  }

  public static JourneyRate errorRate(JourneyData data) {
    return new JourneyRate(data, "journey.error_rate", "Share of finished attempts with at least one error per"
        + " bucket (0..1), thresholds at the journey's target", "error rate", rate(), KpiBucket::errorRate,
        j -> j.targets().errorRate() == null ? List.of()
            : List.of(new Threshold(null, "green"), new Threshold(j.targets().errorRate(), "red")),
        List.of(new Count("errors", "finished attempts with an error", KpiBucket::finishedWithError), FINISHED));
  }

  private static FieldConfig rate() {
    return FieldConfig.unit("percentunit").withRange(0.0, 1.0);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(data.journeyOption(), data.groupByOption());
  }

  @Override
  public List<RowColumn> rowColumns() {
    List<RowColumn> cols = new ArrayList<>(List.of(RowColumn.time(), RowColumn.label("journey", "journey id"),
        RowColumn.groupBy(), RowColumn.number("value", display)));
    counts.forEach(c -> cols.add(RowColumn.number(c.name(), c.description())));
    return cols;
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    List<DataFrame> frames = new ArrayList<>();
    for (JourneyData.Line line : data.lines(q, KpiAccumulator.Detail.COUNTS)) {
      List<Number> values = new ArrayList<>();
      List<List<Long>> extra = new ArrayList<>();
      counts.forEach(c -> extra.add(new ArrayList<>()));
      for (KpiBucket b : line.buckets()) {
        values.add(b == null ? null : value.apply(b));
        for (int i = 0; i < counts.size(); i++) {
          extra.get(i).add(b == null ? 0L : counts.get(i).of().applyAsLong(b));
        }
      }
      Frames.Extra[] extras = new Frames.Extra[counts.size()];
      for (int i = 0; i < counts.size(); i++) {
        extras[i] = new Frames.Extra(counts.get(i).name(), extra.get(i));
      }
      FieldConfig c = config.withThresholds(thresholds.apply(line.journey()))
          .withDisplayName(Frames.display(line.journey().name(), display, line.group()));
      frames.add(Frames.series(id, q.buckets(), line.labels(), c, values, extras));
    }
    return frames;
  }
}
