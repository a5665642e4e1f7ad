package io.uxlens.query;

import io.uxlens.grafana.Payload;
import java.util.List;

/** Values of a dashboard variable (journeys, app versions, variants of an experiment...), given its payload. */
@FunctionalInterface
public interface VariableSource {
  List<OptionValue> values(Payload payload);
}
