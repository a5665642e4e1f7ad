package io.uxlens.query;

import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldType;
import io.uxlens.json.Flatten;
import io.uxlens.model.Annotation;
import io.uxlens.store.AnnotationReads;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Stored annotations (deploys, incidents) overlapping the range, plus computed ones (detected error-rate spikes,
 * declared experiment start/stop) from {@link AnnotationSource}s, in the frame shape Grafana's annotation query
 * reads: time, timeEnd, title, text, tags, source. A point annotation has timeEnd = time. The {@code journey} and
 * {@code spikes} options narrow the computed ones only; stored annotations answer as they always did.
 */
public final class AnnotationsMetric implements Metric {
  public static final String ALL = "all";
  private final AnnotationReads reads;
  private final List<AnnotationSource> computed;
  private final OptionSource journeys;

  private final OptionSource tags;
  private final OptionSource sources;

  public AnnotationsMetric(AnnotationReads reads) {
    this(reads, payload -> List.of(), List.of());
  }

  /** With computed annotations; {@code journeys} gives the journey option's choices (besides "all"). */
  public AnnotationsMetric(AnnotationReads reads, OptionSource journeys, List<AnnotationSource> computed) {
    this.reads = reads;
    this.computed = List.copyOf(computed);
    this.journeys = payload -> {
      List<OptionValue> out = new ArrayList<>();
      out.add(OptionValue.of(ALL));
      out.addAll(journeys.options(payload));
      return out;
    };
    this.tags = new CachedOptions(() -> {
      TreeSet<String> all = new TreeSet<>();
      reads.recentTags(5_000).forEach(t -> all.addAll(Flatten.strings(t)));
      this.computed.forEach(c -> all.addAll(c.tags()));
      return all.stream().map(OptionValue::of).toList();
    }, ContextIndex.TTL_MS);
    this.sources = new CachedOptions(() -> {
      TreeSet<String> all = new TreeSet<>(reads.sources());
      this.computed.forEach(c -> all.add(c.source()));
      return all.stream().map(OptionValue::of).toList();
    }, ContextIndex.TTL_MS);
  }

  @Override
  public String id() {
    return "annotations";
  }

  @Override
  public String description() {
    return "Deploys, incidents, experiment start/stop and detected error-rate spikes as Grafana annotations";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(
        PayloadOption.multi("tag", "Tags", tags, "only annotations with any of these tags (default: all)")
            .seenInData(),
        PayloadOption.select("source", "Source", sources, "only annotations from this source (default: all)")
            .seenInData(),
        PayloadOption.select("journey", "Journey", journeys,
            "spikes and experiment start/stop of this journey only (stored annotations are not narrowed)")
            .withDefaults(ALL),
        PayloadOption.select("spikes", "Spikes", OptionSource.fixed("include", "exclude"),
            "include detected error-rate spikes per journey (tags spike, error_rate, <journey>)")
            .withDefaults("include"));
  }

  @Override
  public List<RowColumn> rowColumns() {
    return List.of(new RowColumn("time", RowColumn.Type.TIMESTAMP_EPOCH, "start, epoch ms"),
        new RowColumn("timeEnd", RowColumn.Type.TIMESTAMP_EPOCH, "end, epoch ms (= time for a point)"),
        RowColumn.label("title", "title"), RowColumn.label("text", "text, may be empty"),
        RowColumn.label("tags", "tags joined by commas"), RowColumn.label("source", "where it came from"));
  }

  @Override
  public List<DataFrame> query(MetricQuery q) {
    List<String> wantTags = q.payload().all("tag");
    String source = q.payload().first("source").orElse(null);
    List<Long> time = new ArrayList<>();
    List<Long> timeEnd = new ArrayList<>();
    List<String> title = new ArrayList<>();
    List<String> text = new ArrayList<>();
    List<Object> tags = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<Annotation> all = new ArrayList<>(reads.overlapping(q.range().fromMs(), q.range().toMs()));
    for (AnnotationSource c : computed) {
      if (source == null || source.equals(c.source())) {
        all.addAll(c.annotations(q));
      }
    }
    all.sort(java.util.Comparator.comparingLong(Annotation::time)); // stable: stored ones keep (ts, seq) order
    for (Annotation a : all) {
      List<String> t = Flatten.strings(a.tags());
      if ((source != null && !source.equals(a.source()))
          || (!wantTags.isEmpty() && t.stream().noneMatch(wantTags::contains))) {
        continue;
      }
      time.add(a.time());
      timeEnd.add(a.timeEnd() == null ? a.time() : a.timeEnd());
      title.add(a.title());
      text.add(a.text() == null ? "" : a.text());
      tags.add(List.copyOf(t));
      sources.add(a.source());
    }
    return List.of(new DataFrame("annotations", null, List.of(
        Field.time("time", time), Field.time("timeEnd", timeEnd), Field.string("title", title),
        Field.string("text", text), new Field("tags", FieldType.OTHER, tags, null, null),
        Field.string("source", sources))));
  }
}
