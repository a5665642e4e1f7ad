package io.uxlens.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A row mapper that reads its columns by name but looks the names up once per result set (Jdbi's
 * {@link #specialize}): for the wide rows read by the thousand (attempts, spans), looking every name up again on
 * each row was a visible part of the read.
 */
final class ByPosition<T> implements RowMapper<T> {
  /** One row, the i-th column name at position {@code at[i]}. */
  interface Reader<T> {
    T read(ResultSet rs, int[] at) throws SQLException;
  }

  private final List<String> names;
  private final Reader<T> reader;

  ByPosition(List<String> names, Reader<T> reader) {
    this.names = List.copyOf(names);
    this.reader = reader;
  }

  @Override
  public T map(ResultSet rs, StatementContext ctx) throws SQLException {
    return reader.read(rs, positions(rs));
  }

  @Override
  public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
    int[] at = positions(rs);
    return (row, ignored) -> reader.read(row, at);
  }

  private int[] positions(ResultSet rs) throws SQLException {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = rs.findColumn(names.get(i));
    }
    return out;
  }
}
