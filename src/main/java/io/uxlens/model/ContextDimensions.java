package io.uxlens.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small, fixed set of context dimensions kept on each attempt (and rolled up), read from an event's flattened
 * context and properties (the browser from Faro's {@code browser.name} or the parsed {@code userAgent}). A fixed
 * set keeps rollups bounded: one row per bucket and dimension value.
 */
public final class ContextDimensions {
  public static final List<String> KEYS = List.of("app_version", "device", "os", "country", "locale", "variant",
      "browser");

  private ContextDimensions() {}

  /** {@code context} and {@code properties} are flattened with dot paths (e.g. {@code app.version}). */
  public static Map<String, String> of(Map<String, String> context, Map<String, String> properties) {
    Map<String, String> d = new LinkedHashMap<>();
    put(d, "app_version", context.get("app.version"));
    put(d, "device", first(context.get("device.type"), context.get("device.model")));
    put(d, "os", context.get("os.name"));
    put(d, "country", first(context.get("location.country"), properties.get("country")));
    put(d, "locale", context.get("locale"));
    put(d, "variant", first(properties.get("variant_id"), properties.get("variant")));
    // Faro's meta names the browser; Segment's libraries send the user-agent string.
    String browser = context.get("browser.name");
    put(d, "browser", browser != null ? browser : Browsers.family(context.get("userAgent")));
    return d;
  }

  public static void requireKnown(String key) {
    if (!KEYS.contains(key)) {
      throw new IllegalArgumentException("unknown context key '" + key + "' (known: " + String.join(", ", KEYS)
          + ")");
    }
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static void put(Map<String, String> d, String key, String value) {
    if (value != null && !value.isBlank()) {
      d.put(key, value.length() > 100 ? value.substring(0, 100) : value);
    }
  }
}
