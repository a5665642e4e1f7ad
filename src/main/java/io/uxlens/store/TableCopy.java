package io.uxlens.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * One table's rows from SQLite to PostgreSQL, a batch at a time, in rowid order. Values are read in the type of the
 * target column (SQLite's columns hold whatever they were given); a raw table's months get their partitions before
 * the insert, as the writer's do.
 */
final class TableCopy {
  /** Rows read from the source and the rowid of the last one. */
  record Batch(List<Object[]> values, long lastRowid) {
    int rows() {
      return values.size();
    }
  }

  private final String table;
  private final List<String> columns;
  private final int[] sqlTypes;
  private final int batchSize;
  private final Partitions.Table partitioned;
  private final int timeColumn;

  TableCopy(String table, List<String> columns, Map<String, String> targetTypes, int batchSize) {
    this.table = table;
    this.columns = columns;
    this.batchSize = batchSize;
    this.sqlTypes = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      String type = targetTypes.get(columns.get(i));
      if (type == null) {
        throw new StoreCopy.Refused("the target's " + table + " has no column " + columns.get(i)
            + ": it is not a UX Lens store of this version");
      }
      sqlTypes[i] = sqlType(type);
    }
    Partitions.Table p = null;
    for (Partitions.Table t : Partitions.Table.values()) {
      if (t.name.equals(table)) {
        p = t;
      }
    }
    this.partitioned = p;
    this.timeColumn = p == null ? -1 : columns.indexOf(p.column);
  }

  private static int sqlType(String postgresType) {
    return switch (postgresType) {
      case "bigint", "integer", "smallint" -> Types.BIGINT;
      case "double precision", "real", "numeric" -> Types.DOUBLE;
      case "bytea" -> Types.BINARY;
      case "boolean" -> Types.BOOLEAN;
      default -> Types.VARCHAR;
    };
  }

  Batch read(Handle src, long afterRowid) {
    List<Object[]> rows = new ArrayList<>(batchSize);
    long[] last = {afterRowid};
    src.createQuery("SELECT rowid, " + String.join(", ", columns) + " FROM " + table
            + " WHERE rowid > :p ORDER BY rowid LIMIT :n").bind("p", afterRowid).bind("n", batchSize)
        .map((rs, ctx) -> {
          last[0] = rs.getLong(1);
          rows.add(values(rs));
          return Boolean.TRUE;
        }).forEach(x -> { });
    return new Batch(rows, last[0]);
  }

  private Object[] values(ResultSet rs) throws SQLException {
    Object[] v = new Object[columns.size()];
    for (int i = 0; i < v.length; i++) {
      int c = i + 2;
      Object value = switch (sqlTypes[i]) {
        case Types.BIGINT -> rs.getLong(c);
        case Types.DOUBLE -> rs.getDouble(c);
        case Types.BINARY -> rs.getBytes(c);
        case Types.BOOLEAN -> rs.getLong(c) != 0;
        default -> rs.getString(c);
      };
      v[i] = rs.wasNull() ? null : value;
    }
    return v;
  }

  void write(Handle h, Batch batch) {
    if (partitioned != null) {
      long[] times = new long[batch.rows()];
      for (int r = 0; r < times.length; r++) {
        times[r] = ((Number) batch.values().get(r)[timeColumn]).longValue();
      }
      Partitions.of(h).ensure(h, partitioned, times);
    }
    Connection c = h.getConnection();
    String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", columns)
        + ") VALUES (" + marks + ")")) {
      for (Object[] row : batch.values()) {
        for (int i = 0; i < row.length; i++) {
          if (row[i] == null) {
            insert.setNull(i + 1, sqlTypes[i]);
          } else {
            insert.setObject(i + 1, row[i]);
          }
        }
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new StoreException("copying " + table + " failed: " + e.getMessage(), e);
    }
  }
}
