package io.uxlens.query;

import java.util.List;
import java.util.Objects;

/**
 * One payload option of a metric, as the JSON API editor shows it. {@code dependsOn} names options whose value
 * changes this one's choices (the editor then reloads the metric). A {@code strict} option rejects values outside
 * its choices; {@code defaults} apply when the payload does not set it. Options whose choices are only the values
 * seen in the data so far (tags, services) are not strict: a value not seen yet selects nothing, so a dashboard on a
 * fresh store shows no data rather than an error; only a malformed value is refused.
 */
public record PayloadOption(String name, String label, Type type, OptionSource source, List<String> dependsOn,
    List<String> defaults, boolean strict, String description) {

  /** Editor widgets of the JSON API plugin. */
  public enum Type {
    SELECT("select"), MULTI_SELECT("multi-select"), INPUT("input");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  public PayloadOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    label = label == null ? name : label;
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    defaults = defaults == null ? List.of() : List.copyOf(defaults);
    description = description == null ? "" : description;
    if (type != Type.INPUT && source == null) {
      throw new IllegalArgumentException("option " + name + ": a select needs an option source");
    }
    if (type == Type.SELECT && defaults.size() > 1) {
      throw new IllegalArgumentException("option " + name + ": a select has at most one default");
    }
  }

  public static PayloadOption select(String name, String label, OptionSource source, String description) {
    return new PayloadOption(name, label, Type.SELECT, source, List.of(), List.of(), true, description);
  }

  public static PayloadOption multi(String name, String label, OptionSource source, String description) {
    return new PayloadOption(name, label, Type.MULTI_SELECT, source, List.of(), List.of(), true, description);
  }

  /** The same option, answering values not in the data yet with an empty selection instead of a 400. */
  public PayloadOption seenInData() {
    return new PayloadOption(name, label, type, source, dependsOn, defaults, false, description);
  }

  public PayloadOption withDefaults(String... values) {
    return new PayloadOption(name, label, type, source, dependsOn, List.of(values), strict, description);
  }

  public PayloadOption dependingOn(String... options) {
    return new PayloadOption(name, label, type, source, List.of(options), defaults, strict, description);
  }
}
