package io.uxlens.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server has acknowledged, per input: every record up to {@code line} is answered (kept, a duplicate or
 * refused and written to the rejects file, which then had {@code rejectsBytes}). Saved by write-and-rename so a
 * crash leaves the old or the new file, never half of one. {@code --resume} skips what it records.
 */
final class Checkpoint {
  /** One input's progress. */
  record Entry(long size, long modified, long line, boolean done, String rejects, long rejectsBytes) {}

  private final Path file;
  private final Map<String, Entry> entries;
  private final boolean written;
  private long lastSaved;

  private Checkpoint(Path file, Map<String, Entry> entries, boolean written) {
    this.file = file;
    this.entries = entries;
    this.written = written;
  }

  static Checkpoint fresh(Path file) {
    return new Checkpoint(file, new LinkedHashMap<>(), true);
  }

  /** A dry run acknowledges nothing, so it keeps no checkpoint. */
  static Checkpoint none() {
    return new Checkpoint(Path.of("none"), new LinkedHashMap<>(), false);
  }

  /** The saved checkpoint, or a fresh one when there is none. */
  static Checkpoint load(Path file) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (Files.exists(file)) {
      try {
        JsonNode root = Jsons.MAPPER.readTree(file.toFile());
        root.path("inputs").properties().forEach(e -> entries.put(e.getKey(),
            Jsons.MAPPER.convertValue(e.getValue(), Entry.class)));
      } catch (IOException | IllegalArgumentException e) {
        throw new UsageException(file + ": not a readable checkpoint (" + e.getMessage() + "); run without --resume");
      }
    }
    return new Checkpoint(file, entries, true);
  }

  Path file() {
    return file;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** This input's saved progress, or null. A file that changed since is a usage error: resuming would skip blindly. */
  synchronized Entry resumeFrom(Inputs.Input input) {
    Entry e = entries.get(input.key());
    if (e != null && !input.stdin() && (e.size() != input.size() || e.modified() != input.modified())) {
      throw new UsageException(input.name() + " changed since the checkpoint was written; run without --resume to "
          + "import it again (ids make re-sent records count once)");
    }
    return e;
  }

  synchronized void record(Inputs.Input input, long line, boolean done, String rejects, long rejectsBytes,
      boolean force) {
    entries.put(input.key(), new Entry(input.size(), input.modified(), line, done, rejects, rejectsBytes));
    long now = System.currentTimeMillis();
    if (force || now - lastSaved >= 1_000) {
      save();
      lastSaved = now;
    }
  }

  synchronized void save() {
    if (!written) {
      return;
    }
    ObjectNode root = Jsons.MAPPER.createObjectNode();
    root.put("note", "uxlens import checkpoint: what the server acknowledged; used by --resume");
    root.set("inputs", Jsons.MAPPER.valueToTree(entries));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".checkpoint", ".tmp");
      Files.write(tmp, Jsons.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + file, e);
    }
  }

  synchronized void delete() {
    if (!written) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the checkpoint " + file, e);
    }
  }
}
