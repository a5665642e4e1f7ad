package io.uxlens.grafana;

import java.util.List;
import java.util.Objects;

/** Grafana's columnar result: named fields of equal length. {@code refId} ties it to the query target. */
public record DataFrame(String name, String refId, List<Field> fields) {

  public DataFrame {
    fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a data frame needs at least one field");
    }
    int n = fields.get(0).size();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Field f : fields) {
      if (f.size() != n) {
        throw new IllegalArgumentException("field " + f.name() + " has " + f.size() + " values, expected " + n);
      }
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("duplicate field name " + f.name());
      }
    }
  }

  public DataFrame withRefId(String id) {
    return new DataFrame(name, id, fields);
  }

  public int length() {
    return fields.get(0).size();
  }

  public Field field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no field " + fieldName + " in frame " + name));
  }
}
