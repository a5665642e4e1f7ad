package io.uxlens.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.sqlite.SQLiteConfig;

/** What a SQLite store holds: its tables and their columns, read from SQLite's catalogue. */
final class SqliteTables {
  private SqliteTables() {}

  /** The tables of a SQLite file, read through a read-only connection (empty if it cannot be read). */
  static List<String> names(Path file) {
    try {
      return read(file);
    } catch (SQLException e) {
      return List.of();
    }
  }

  /** The same, failing with SQLite's own error where the file is not a readable database. */
  static List<String> read(Path file) throws SQLException {
    SQLiteConfig readOnly = new SQLiteConfig();
    readOnly.setReadOnly(true);
    List<String> tables = new ArrayList<>();
    try (Connection c = readOnly.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  static List<String> names(Handle h) {
    return new ArrayList<>(h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .mapTo(String.class).list());
  }

  /** A table's columns in declaration order. */
  static List<String> columns(Handle h, String table) {
    return h.createQuery("SELECT name FROM pragma_table_info(:t) ORDER BY cid").bind("t", table)
        .mapTo(String.class).list();
  }
}
