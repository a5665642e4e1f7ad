package io.uxlens.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The importer's JSON mapper and stable row ids. */
final class Jsons {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final JsonFactory FACTORY = MAPPER.getFactory();

  private Jsons() {}

  /**
   * A stable id for a record that carries none: SHA-256 of its own content (not of the file name or position), so
   * the same row imported again, from any file, maps to the same id and the server counts it once.
   */
  static String hashId(String prefix, String content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return prefix + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }
}
