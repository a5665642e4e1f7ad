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
 * Stored annotations (deploys, incidents, experiment start/stop) overlapping the range, in the frame shape
 * Grafana's annotation query reads: time, timeEnd, title, text, tags. A point annotation has timeEnd = time.
 */
public final class AnnotationsMetric implements Metric {
  private final AnnotationReads reads;

  private final OptionSource tags;
  private final OptionSource sources;

  public AnnotationsMetric(AnnotationReads reads) {
    this.reads = reads;
    this.tags = new CachedOptions(() -> {
      TreeSet<String> all = new TreeSet<>();
      reads.recentTags(5_000).forEach(t -> all.addAll(Flatten.strings(t)));
      return all.stream().map(OptionValue::of).toList();
    }, ContextIndex.TTL_MS);
    this.sources = new CachedOptions(() -> reads.sources().stream().map(OptionValue::of).toList(),
        ContextIndex.TTL_MS);
  }

  @Override
  public String id() {
    return "annotations";
  }

  @Override
  public String description() {
    return "Deploys, incidents and experiment events as Grafana annotations";
  }

  @Override
  public List<PayloadOption> options() {
    return List.of(
        PayloadOption.multi("tag", "Tags", tags, "only annotations with any of these tags (default: all)"),
        PayloadOption.select("source", "Source", sources, "only annotations from this source (default: all)"));
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
    for (Annotation a : reads.overlapping(q.range().fromMs(), q.range().toMs())) {
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
