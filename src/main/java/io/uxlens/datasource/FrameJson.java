package io.uxlens.datasource;

import io.uxlens.grafana.DataFrame;
import io.uxlens.grafana.Field;
import io.uxlens.grafana.FieldConfig;
import io.uxlens.grafana.Threshold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Data frames in the JSON API's data frame shape, which Grafana's toDataFrame() reads with units and labels. */
public final class FrameJson {
  private FrameJson() {}

  public static List<Map<String, Object>> frames(List<DataFrame> frames) {
    return frames.stream().map(FrameJson::frame).toList();
  }

  public static Map<String, Object> frame(DataFrame f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", f.name());
    if (f.refId() != null) {
      out.put("refId", f.refId());
    }
    List<Map<String, Object>> fields = new ArrayList<>();
    for (Field field : f.fields()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", field.name());
      m.put("type", field.type().wire());
      m.put("values", field.values());
      if (!field.labels().isEmpty()) {
        m.put("labels", field.labels());
      }
      if (!field.config().empty()) {
        m.put("config", config(field.config()));
      }
      fields.add(m);
    }
    out.put("fields", fields);
    return out;
  }

  private static Map<String, Object> config(FieldConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (c.unit() != null) {
      m.put("unit", c.unit());
    }
    if (c.displayNameFromDS() != null) {
      m.put("displayNameFromDS", c.displayNameFromDS());
    }
    if (c.decimals() != null) {
      m.put("decimals", c.decimals());
    }
    if (c.min() != null) {
      m.put("min", c.min());
    }
    if (c.max() != null) {
      m.put("max", c.max());
    }
    if (!c.thresholds().isEmpty()) {
      List<Map<String, Object>> steps = new ArrayList<>();
      for (Threshold t : c.thresholds()) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("value", t.value());
        s.put("color", t.color());
        steps.add(s);
      }
      Map<String, Object> thresholds = new LinkedHashMap<>();
      thresholds.put("mode", "absolute");
      thresholds.put("steps", steps);
      m.put("thresholds", thresholds);
    }
    if (c.hiddenInGraphs()) {
      Map<String, Object> hideFrom = new LinkedHashMap<>();
      hideFrom.put("viz", true);
      hideFrom.put("legend", true);
      hideFrom.put("tooltip", false);
      m.put("custom", Map.of("hideFrom", hideFrom));
    }
    return m;
  }
}
