package io.uxlens.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the store lives, as given to {@code --db}: a SQLite file path ({@code jdbc:sqlite:} prefix optional), a
 * PostgreSQL URL ({@code postgresql://user[:password]@host[:port]/db[?params]}, also {@code postgres://}) or the
 * JDBC form ({@code jdbc:postgresql://host/db?user=...}). The password comes from the URL or else from
 * {@code UXLENS_DB_PASSWORD}; {@link #toString()} never shows it.
 */
public record DbUrl(Dialect dialect, Path sqliteFile, String jdbcUrl, String user, String password) {
  public static final String PASSWORD_ENV = "UXLENS_DB_PASSWORD";
  public static final String USER_ENV = "UXLENS_DB_USER";

  public static DbUrl parse(String db) {
    return parse(db, System.getenv(USER_ENV), System.getenv(PASSWORD_ENV));
  }

  /** {@code envUser} and {@code envPassword} apply where the URL names none. */
  public static DbUrl parse(String db, String envUser, String envPassword) {
    if (db == null || db.isBlank()) {
      throw new IllegalArgumentException("--db: empty (give a SQLite file or a postgresql:// URL)");
    }
    String t = db.trim();
    if (t.startsWith("jdbc:postgresql:")) {
      return new DbUrl(Dialect.POSTGRESQL, null, t, envUser, envPassword);
    }
    if (t.startsWith("postgresql://") || t.startsWith("postgres://")) {
      return fromUri(t, envUser, envPassword);
    }
    if ((t.startsWith("jdbc:") && !t.startsWith("jdbc:sqlite:")) || t.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException("--db: unsupported URL scheme in " + redact(t)
          + " (want a SQLite file path, postgresql://user@host:5432/db or jdbc:postgresql://...)");
    }
    String path = t.startsWith("jdbc:sqlite:") ? t.substring("jdbc:sqlite:".length()) : t;
    return new DbUrl(Dialect.SQLITE, Path.of(path), null, null, null);
  }

  private static DbUrl fromUri(String text, String envUser, String envPassword) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--db: not a valid PostgreSQL URL: " + redact(text));
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("--db: a PostgreSQL URL needs a host and a database: " + redact(text)
          + " (postgresql://user@host:5432/db)");
    }
    String user = envUser;
    String password = envPassword;
    String info = uri.getRawUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      if (colon >= 0) {
        password = decode(info.substring(colon + 1));
      }
    }
    String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new DbUrl(Dialect.POSTGRESQL, null, jdbc, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The text with any password in user info or a {@code password=} parameter replaced by {@code ***}. */
  public static String redact(String text) {
    return text.replaceAll("(://[^/:@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @Override
  public String toString() {
    return dialect == Dialect.SQLITE ? sqliteFile.toString()
        : redact(jdbcUrl) + (user == null ? "" : " as " + user);
  }
}
