package io.uxlens.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Feedback CSV rows as {@code /api/v1/feedback} items, through a column map such as
 * {@code score=Rating,text=Comment,time=Date,kind=nps}. A map value names a header column; {@code kind} may instead
 * be a fixed kind for every row. The map is checked against the header before anything is sent.
 */
final class FeedbackColumns implements RowMapper {
  static final Set<String> KINDS = Set.of("nps", "csat", "ces", "text", "ticket");
  /** Map key to feedback item field. */
  private static final Map<String, String> FIELDS = Map.of("score", "score", "text", "text", "time", "timestamp",
      "kind", "kind", "user", "userId", "session", "sessionId", "journey", "journey", "id", "id", "tags", "tags");
  static final String ID_PREFIX = "csv-";

  private final Map<String, Integer> columns = new LinkedHashMap<>();
  private final Map<String, String> columnNames = new LinkedHashMap<>();
  private final String fixedKind;
  private final DateTimeFormatter timeFormat;
  private final ZoneId zone;

  FeedbackColumns(List<String> header, Map<String, String> map, String timeFormat, ZoneId zone) {
    if (map.isEmpty()) {
      throw new UsageException("a feedback CSV needs --map, e.g. --map score=Rating,text=Comment,time=Date,kind=nps"
          + " (columns in this file: " + String.join(", ", header) + ")");
    }
    String kind = null;
    for (Map.Entry<String, String> e : map.entrySet()) {
      String key = e.getKey();
      if (!FIELDS.containsKey(key)) {
        throw new UsageException("--map " + key + "=...: unknown key '" + key + "'; the keys are "
            + String.join(", ", FIELDS.keySet().stream().sorted().toList()));
      }
      int index = column(header, e.getValue());
      if (index < 0 && key.equals("kind") && KINDS.contains(e.getValue().toLowerCase(Locale.ROOT))) {
        kind = e.getValue().toLowerCase(Locale.ROOT);
        continue;
      }
      if (index < 0) {
        throw new UsageException("--map " + key + "=" + e.getValue() + ": no column '" + e.getValue()
            + "' in the header" + (key.equals("kind") ? " and not a kind (ces, csat, nps, text, ticket)" : "")
            + "; columns in this file: " + String.join(", ", header));
      }
      columns.put(FIELDS.get(key), index);
      columnNames.put(FIELDS.get(key), header.get(index));
    }
    if (kind == null && !columns.containsKey("kind")) {
      throw new UsageException("--map needs kind=COLUMN or a fixed kind (kind=nps, csat, ces, text or ticket)");
    }
    if (!columns.containsKey("timestamp")) {
      throw new UsageException("--map needs time=COLUMN: every feedback item needs its time");
    }
    this.fixedKind = kind;
    this.timeFormat = timeFormat == null ? null : DateTimeFormatter.ofPattern(timeFormat, Locale.ROOT);
    this.zone = zone;
  }

  /** The header column named {@code name}: exact, else ignoring case and surrounding spaces. */
  private static int column(List<String> header, String name) {
    int exact = header.indexOf(name);
    if (exact >= 0) {
      return exact;
    }
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().equalsIgnoreCase(name.strip())) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Mapped map(Row row) throws RowProblem {
    List<String> cells = row.cells();
    ObjectNode item = Jsons.MAPPER.createObjectNode();
    for (Map.Entry<String, Integer> c : columns.entrySet()) {
      if (c.getValue() >= cells.size()) {
        throw new RowProblem("row", "row has " + cells.size() + " columns; the header has more (column '"
            + columnNames.get(c.getKey()) + "' is missing)");
      }
      String v = cells.get(c.getValue()).strip();
      if (v.isEmpty()) {
        continue;
      }
      switch (c.getKey()) {
        case "score" -> putScore(item, v);
        case "timestamp" -> item.put("timestamp", time(v));
        case "kind" -> item.put("kind", v.toLowerCase(Locale.ROOT));
        case "tags" -> {
          ArrayNode tags = item.putArray("tags");
          for (String t : v.split("[,;|]")) {
            if (!t.isBlank()) {
              tags.add(t.strip());
            }
          }
        }
        default -> item.put(c.getKey(), v);
      }
    }
    if (fixedKind != null) {
      item.put("kind", fixedKind);
    }
    if (!item.has("id")) {
      item.put("id", Jsons.hashId(ID_PREFIX, String.join("\u001f", cells)));
    }
    return new Mapped(item.toString(), 1);
  }

  /** A number stays a number (9 or 9.0); anything else is sent as text so the server words the refusal. */
  private static void putScore(ObjectNode item, String v) {
    try {
      item.put("score", new BigDecimal(v.replace(',', '.')));
    } catch (NumberFormatException e) {
      item.put("score", v);
    }
  }

  /** Epoch seconds or milliseconds, ISO-8601 (with or without offset, date only), or the --time-format layout. */
  private String time(String v) throws RowProblem {
    try {
      if (timeFormat != null) {
        var parsed = timeFormat.parseBest(v, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        return instant(parsed).toString();
      }
      if (v.chars().allMatch(Character::isDigit)) {
        long n = Long.parseLong(v);
        return Instant.ofEpochMilli(v.length() <= 10 ? n * 1000 : n).toString();
      }
      String iso = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + "T" + v.substring(11) : v;
      var parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
      return instant(parsed).toString();
    } catch (DateTimeParseException | NumberFormatException e) {
      try {
        return LocalDate.parse(v).atStartOfDay(zone).toInstant().toString();
      } catch (DateTimeParseException e2) {
        throw new RowProblem("timestamp", "timestamp must be an ISO-8601 date-time or epoch milliseconds; got '"
            + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "' (--time-format reads other layouts)");
      }
    }
  }

  private Instant instant(Object parsed) {
    if (parsed instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (parsed instanceof LocalDateTime l) {
      return l.atZone(zone).toInstant();
    }
    return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
  }

  @Override
  public String describe(String field) {
    String column = columnNames.get(field);
    if (field.equals("kind") && fixedKind != null) {
      return "kind (--map kind=" + fixedKind + ")";
    }
    return column == null ? field : field + " (column " + column + ")";
  }
}
