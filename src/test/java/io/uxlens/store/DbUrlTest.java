package io.uxlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code --db} accepts, where the password comes from, and that it is never shown. */
class DbUrlTest {
  @Test
  void sqlitePathsWithOrWithoutThePrefix() {
    assertThat(DbUrl.parse("data/uxlens.db", null, null).sqliteFile()).isEqualTo(Path.of("data/uxlens.db"));
    assertThat(DbUrl.parse("jdbc:sqlite:/tmp/x.db", null, null).sqliteFile()).isEqualTo(Path.of("/tmp/x.db"));
    assertThat(DbUrl.parse("data/uxlens.db", null, null).dialect()).isEqualTo(Dialect.SQLITE);
  }

  @Test
  void postgresqlUrlBecomesJdbcWithUserAndPasswordApart() {
    DbUrl u = DbUrl.parse("postgresql://ux%40lens:s3cr%3At@db.internal:6432/uxlens?sslmode=require", null, "env");
    assertThat(u.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/uxlens?sslmode=require");
    assertThat(u.user()).isEqualTo("ux@lens");
    assertThat(u.password()).as("the URL's password wins over the environment").isEqualTo("s3cr:t");
    assertThat(u.toString()).doesNotContain("s3cr").contains("db.internal:6432/uxlens").contains("ux@lens");
  }

  @Test
  void passwordFromTheEnvironmentWhenTheUrlHasNone() {
    DbUrl u = DbUrl.parse("postgres://uxlens@db/uxlens", null, "from-env");
    assertThat(u.password()).isEqualTo("from-env");
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db/uxlens");
    assertThat(u.toString()).doesNotContain("from-env");
  }

  @Test
  void jdbcFormPassesThroughAndIsRedactedInText() {
    DbUrl u = DbUrl.parse("jdbc:postgresql://db:5432/uxlens?user=u&password=hunter2", null, null);
    assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/uxlens?user=u&password=hunter2");
    assertThat(u.toString()).doesNotContain("hunter2").contains("password=***");
  }

  @Test
  void unclearValuesAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> DbUrl.parse("mysql://u:pw@db/x", null, null))
        .hasMessageStartingWith("--db: unsupported URL scheme").hasMessageNotContaining("pw@");
    assertThatThrownBy(() -> DbUrl.parse("postgresql://u@db", null, null))
        .hasMessageContaining("needs a host and a database");
    assertThatThrownBy(() -> DbUrl.parse(" ", null, null)).hasMessageStartingWith("--db: empty");
  }
}
