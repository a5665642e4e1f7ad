package io.uxlens.store;

import io.uxlens.model.Span;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a span row by column name, the names looked up once per result set (see {@link AttemptMapper}). */
final class SpanMapper implements RowMapper<Span> {
  private static final List<String> NAMES = List.of("trace_id", "span_id", "parent_span_id", "session_id",
      "service", "name", "kind", "start_ms", "duration_ms", "status", "http_status", "db_system", "attributes");

  @Override
  public Span map(ResultSet rs, StatementContext ctx) throws SQLException {
    return specialize(rs, ctx).map(rs, ctx);
  }

  @Override
  public RowMapper<Span> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
    int[] c = RowMappers.positions(rs, NAMES);
    return (row, ignored) -> new Span(row.getString(c[0]), row.getString(c[1]), row.getString(c[2]),
        row.getString(c[3]), row.getString(c[4]), row.getString(c[5]), row.getString(c[6]), row.getLong(c[7]),
        row.getDouble(c[8]), row.getString(c[9]), RowMappers.orNull(row, row.getInt(c[10])), row.getString(c[11]),
        row.getString(c[12]));
  }
}
