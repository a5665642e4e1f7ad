package io.uxlens.store;

import io.uxlens.model.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;

/**
 * What PostgreSQL's partitioned raw tables need before an insert: their unique keys include the partition column,
 * so a retry carrying the same id is found here by id alone and dropped (inside the ingest lock, so no other
 * instance can insert it in between), and the months of the new rows get their partitions. On SQLite the rows
 * pass through untouched and {@code ON CONFLICT} does the same job.
 */
final class PostgresRows {
  private PostgresRows() {}

  static <T> List<T> newOnly(Handle h, Partitions.Table table, List<T> rows, Function<T, String> key,
                             ToLongFunction<T> time) {
    if (rows.isEmpty() || Dialect.of(h) != Dialect.POSTGRESQL) {
      return rows;
    }
    Map<String, T> firstOfKey = new LinkedHashMap<>();
    for (T row : rows) {
      firstOfKey.putIfAbsent(key.apply(row), row);
    }
    Set<String> stored = stored(h, table, firstOfKey.keySet());
    List<T> fresh = new ArrayList<>(firstOfKey.size());
    for (Map.Entry<String, T> e : firstOfKey.entrySet()) {
      if (!stored.contains(e.getKey())) {
        fresh.add(e.getValue());
      }
    }
    Partitions.of(h).ensure(h, table, fresh.stream().mapToLong(time).toArray());
    return fresh;
  }

  static String spanKey(Span s) {
    return s.traceId() + '\u0000' + s.spanId();
  }

  private static Set<String> stored(Handle h, Partitions.Table table, Set<String> keys) {
    if (table == Partitions.Table.SPANS) {
      List<String> traceIds = keys.stream().map(k -> k.substring(0, k.indexOf('\u0000'))).distinct().toList();
      List<String> spanIds = keys.stream().map(k -> k.substring(k.indexOf('\u0000') + 1)).distinct().toList();
      // the key index leads with trace_id; the pairs that merely cross-match are filtered by the caller's set
      return new HashSet<>(h.createQuery("SELECT trace_id, span_id FROM spans WHERE trace_id = ANY(:t) "
              + "AND span_id = ANY(:s)")
          .bindArray("t", String.class, traceIds).bindArray("s", String.class, spanIds)
          .map((rs, ctx) -> rs.getString(1) + '\u0000' + rs.getString(2)).list());
    }
    return new HashSet<>(h.createQuery("SELECT id FROM " + table.name + " WHERE id = ANY(:ids)")
        .bindArray("ids", String.class, List.copyOf(keys)).mapTo(String.class).list());
  }
}
