package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uxlens.cli.Main;
import io.uxlens.testing.ConsoleCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file given as --db that is not a UX Lens store stops the start with one line and is never written: a text file,
 * another application's SQLite database, a damaged database. An empty file and a UX Lens store open as before.
 */
class ForeignDbFileTest {
  @RegisterExtension final ConsoleCapture console = new ConsoleCapture();
  @TempDir Path dir;

  @Test
  void aTextFileStopsServeWithOneLineAndIsUntouched() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.txt"), "meeting notes\nnothing to do with UX Lens\n");
    byte[] before = Files.readAllBytes(notes);
    assertThat(Main.run("serve", "--port", "0", "--host", "127.0.0.1", "--db", notes.toString())).isEqualTo(2);
    assertThat(console.err()).doesNotContain("\n").startsWith("uxlens: ").contains("notes.txt is not a SQLite "
        + "database").contains("untouched");
    assertThat(Files.readAllBytes(notes)).isEqualTo(before);
    assertThat(dir.resolve("notes.txt-wal")).doesNotExist();
  }

  @Test
  void anotherApplicationsDatabaseIsRefusedAndUntouched() throws Exception {
    Path other = dir.resolve("crm.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT)");
      s.execute("INSERT INTO customers (email) VALUES ('a@example.com')");
    }
    byte[] before = Files.readAllBytes(other);
    assertThatThrownBy(() -> Store.openSqlite(other)).isInstanceOf(StoreException.class)
        .hasMessageContaining("another application's tables (customers)");
    assertThat(Files.readAllBytes(other)).isEqualTo(before);
  }

  @Test
  void aDamagedStoreIsRefusedAndAnEmptyFileOrOurStoreOpens() throws Exception {
    Path ours = dir.resolve("ours.db");
    Store.openSqlite(ours).close();
    Store.openSqlite(ours).close(); // a UX Lens store opens again
    byte[] whole = Files.readAllBytes(ours);
    Path damaged = Files.write(dir.resolve("damaged.db"), java.util.Arrays.copyOf(whole, 100));
    byte[] before = Files.readAllBytes(damaged);
    assertThatThrownBy(() -> Store.openSqlite(damaged)).isInstanceOf(StoreException.class)
        .hasMessageContaining("damaged SQLite database");
    assertThat(Files.readAllBytes(damaged)).isEqualTo(before);
    Path empty = Files.createFile(dir.resolve("empty.db"));
    Store.openSqlite(empty).close();
  }
}
