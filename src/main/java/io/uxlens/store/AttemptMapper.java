package io.uxlens.store;

import io.uxlens.model.Attempt;
import io.uxlens.model.ContextDimensions;
import io.uxlens.model.Outcome;
import io.uxlens.model.Performance;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps an attempt row by column name, with the names looked up once per result set ({@link #specialize}): looking
 * each of 36 names up again on every row was a tenth of reading the bottleneck tables' samples.
 */
final class AttemptMapper implements RowMapper<Attempt> {
  private static final List<String> NAMES = List.of("id", "journey", "session_key", "session_id", "user_id",
      "start_ms", "end_ms", "last_event_ms", "deadline_ms", "outcome", "last_step_index", "last_step_id",
      "step_times", "error_count", "error_steps", "span_count", "span_total_ms", "span_max_ms", "db_time_ms",
      "http_5xx", "span_errors", "render_ms", "lcp_ms", "inp_ms", "cls", "memory_mb", "js_errors", "last_seen_ms");

  @Override
  public Attempt map(ResultSet rs, StatementContext ctx) throws SQLException {
    return specialize(rs, ctx).map(rs, ctx);
  }

  @Override
  public RowMapper<Attempt> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
    int[] c = RowMappers.positions(rs, NAMES);
    int[] context = RowMappers.positions(rs, ContextDimensions.KEYS);
    return (row, ignored) -> map(row, c, context);
  }

  private static Attempt map(ResultSet rs, int[] c, int[] contextColumns) throws SQLException {
    Map<String, String> context = new LinkedHashMap<>();
    for (int i = 0; i < contextColumns.length; i++) {
      String v = rs.getString(contextColumns[i]);
      if (v != null) {
        context.put(ContextDimensions.KEYS.get(i), v);
      }
    }
    Performance p = new Performance(rs.getInt(c[15]), rs.getDouble(c[16]), rs.getDouble(c[17]),
        rs.getDouble(c[18]), rs.getInt(c[19]), rs.getInt(c[20]), RowMappers.orNull(rs, rs.getDouble(c[21])),
        RowMappers.orNull(rs, rs.getDouble(c[22])), RowMappers.orNull(rs, rs.getDouble(c[23])),
        RowMappers.orNull(rs, rs.getDouble(c[24])), RowMappers.orNull(rs, rs.getDouble(c[25])), rs.getInt(c[26]));
    return new Attempt(rs.getString(c[0]), rs.getString(c[1]), rs.getString(c[2]), rs.getString(c[3]),
        rs.getString(c[4]), rs.getLong(c[5]), RowMappers.orNull(rs, rs.getLong(c[6])), rs.getLong(c[7]),
        RowMappers.orNull(rs, rs.getLong(c[8])), Outcome.ofCode(rs.getString(c[9])), rs.getInt(c[10]),
        rs.getString(c[11]), RowMappers.longs(rs.getString(c[12])), rs.getInt(c[13]),
        RowMappers.strings(rs.getString(c[14])), context, p, RowMappers.orNull(rs, rs.getLong(c[27])));
  }
}
