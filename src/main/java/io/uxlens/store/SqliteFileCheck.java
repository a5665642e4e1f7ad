package io.uxlens.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * Before a store is opened for writing: an existing file given as {@code --db} must be a SQLite database that is
 * empty or already UX Lens's (it has Flyway's history table). Anything else (another program's file, another
 * application's database, a damaged file) stops the start with one line, and the file is only ever read.
 */
final class SqliteFileCheck {
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final String HISTORY = "flyway_schema_history";

  private SqliteFileCheck() {}

  static void verify(Path file) {
    try {
      if (!Files.exists(file) || Files.size(file) == 0) {
        return;
      }
      byte[] head = new byte[MAGIC.length];
      int n;
      try (InputStream in = Files.newInputStream(file)) {
        n = in.readNBytes(head, 0, head.length);
      }
      if (n < MAGIC.length || !java.util.Arrays.equals(head, MAGIC)) {
        throw refuse(file, "is not a SQLite database");
      }
    } catch (IOException e) {
      throw new StoreException(file + ": cannot read it: " + e.getMessage(), e);
    }
    List<String> tables;
    try {
      tables = SqliteTables.read(file);
    } catch (SQLException e) {
      throw refuse(file, "is a damaged SQLite database (" + e.getMessage().replaceAll("\\s+", " ").strip()
          + "); restore it from a backup");
    }
    tables.removeIf(t -> t.startsWith("sqlite_"));
    if (!tables.isEmpty() && !tables.contains(HISTORY)) {
      throw refuse(file, "holds another application's tables (" + String.join(", ",
          tables.subList(0, Math.min(5, tables.size()))) + (tables.size() > 5 ? ", ..." : "") + ")");
    }
  }

  private static StoreException refuse(Path file, String why) {
    return new StoreException(file + " " + why + "; UX Lens leaves it untouched: give --db a new file or a UX Lens "
        + "store");
  }
}
