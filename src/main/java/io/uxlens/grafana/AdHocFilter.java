package io.uxlens.grafana;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Grafana ad hoc filter on a context key. A key a row does not carry counts as no value: it fails {@code =}
 * and {@code =~} and passes {@code !=} and {@code !~}. Regexes match the whole value, as in Prometheus.
 */
public record AdHocFilter(String key, Operator operator, String value) {

  /** The operators Grafana's ad hoc filter offers that we honour. */
  public enum Operator {
    EQ("="), NE("!="), MATCH("=~"), NOT_MATCH("!~");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public static Operator of(String symbol) {
      for (Operator o : values()) {
        if (o.symbol.equals(symbol)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unsupported filter operator '" + symbol + "' (use =, !=, =~ or !~)");
    }
  }

  public AdHocFilter {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    value = value == null ? "" : value;
    if (operator == Operator.MATCH || operator == Operator.NOT_MATCH) {
      try {
        Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("filter on " + key + ": invalid regular expression: " + e.getDescription());
      }
    }
  }

  public boolean matches(Map<String, String> dims) {
    String v = dims.get(key);
    return switch (operator) {
      case EQ -> value.equals(v);
      case NE -> !value.equals(v);
      case MATCH -> v != null && Pattern.compile(value).matcher(v).matches();
      case NOT_MATCH -> v == null || !Pattern.compile(value).matcher(v).matches();
    };
  }
}
