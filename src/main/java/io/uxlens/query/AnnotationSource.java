package io.uxlens.query;

import io.uxlens.model.Annotation;
import java.util.List;

/**
 * Annotations computed rather than stored (detected spikes, declared experiment start/stop), served by the
 * {@code annotations} metric next to the stored ones and filtered by the same tag and source options.
 */
public interface AnnotationSource {
  /** The source name its annotations carry, offered by the {@code source} option. */
  String source();

  /** Tags its annotations can carry, offered by the {@code tag} option. */
  List<String> tags();

  /** Its annotations overlapping the query's range; may read the metric's {@code journey} and {@code spikes}. */
  List<Annotation> annotations(MetricQuery query);
}
