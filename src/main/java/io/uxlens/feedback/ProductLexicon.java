package io.uxlens.feedback;

import io.uxlens.config.ConfigFileException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Words and phrases that are complaints or praise in product feedback ("slow", "froze", "declined", "took
 * forever", "intuitive") with their valences, layered on top of the unchanged VADER lexicon for feedback scoring.
 * Shipped in feedback/product_lexicon.tsv (each valence copied from a human-rated VADER word, its anchor); a user
 * file in the same format ({@code token<TAB>valence[<TAB>note]}, {@code #} comments) extends or replaces it.
 */
public final class ProductLexicon {
  static final String RESOURCE = "/feedback/product_lexicon.tsv";
  /** VADER's valence scale. */
  static final double MAX_VALENCE = 4;

  private static final ProductLexicon SHIPPED = loadShipped();

  private final Map<String, Double> entries;

  private ProductLexicon(Map<String, Double> entries) {
    this.entries = Map.copyOf(entries);
  }

  public static ProductLexicon shipped() {
    return SHIPPED;
  }

  /**
   * The shipped entries extended (entries of the file win) or, with {@code replace}, replaced by a user's file.
   *
   * @throws ConfigFileException naming the file, the line and the rule a bad entry breaks
   */
  public static ProductLexicon withFile(Path file, boolean replace) {
    Map<String, Double> merged = new LinkedHashMap<>(replace ? Map.of() : SHIPPED.entries);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      merged.putAll(parse(r, file.toString()));
    } catch (IOException e) {
      throw new ConfigFileException(file.toString(), "", "cannot read: " + e.getMessage());
    }
    return new ProductLexicon(merged);
  }

  public Map<String, Double> entries() {
    return entries;
  }

  /** A VADER scorer over VADER's lexicon plus these entries. */
  public Vader scorer() {
    return new Vader(VaderLexicon.defaultLexicon().extendedWith(entries));
  }

  static Map<String, Double> parse(Reader in, String name) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(in);
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      String where = "line " + lineNo;
      if (cols.length < 2) {
        throw new ConfigFileException(name, where, "expected token<TAB>valence, got '" + line + "'");
      }
      String token = cols[0].trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (token.isEmpty()) {
        throw new ConfigFileException(name, where, "the token is empty");
      }
      double valence;
      try {
        valence = Double.parseDouble(cols[1].trim());
      } catch (NumberFormatException e) {
        throw new ConfigFileException(name, where, "valence '" + cols[1].trim() + "' is not a number");
      }
      if (!Double.isFinite(valence) || Math.abs(valence) > MAX_VALENCE) {
        throw new ConfigFileException(name, where, "valence must be between -4 and 4 (VADER's scale), got "
            + cols[1].trim());
      }
      out.put(token, valence);
    }
    return out;
  }

  private static ProductLexicon loadShipped() {
    try (InputStream in = ProductLexicon.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new ProductLexicon(parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
