package io.uxlens.importer;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** One Segment archive imported into a running server with plain progress lines: what {@code bench import} times. */
public final class ArchiveImport {
  private ArchiveImport() {}

  /** What the import stored and how long it took. */
  public record Outcome(long accepted, double seconds, boolean finished, String stopReason) {}

  public static Outcome segmentArchive(Path archive, URI server, int parallel, Path work, PrintStream err)
      throws Exception {
    Importer importer = new Importer(new Importer.Settings(Format.SEGMENT, Map.of(), null, ZoneOffset.UTC,
        parallel, work, work.resolve("checkpoint.json"), false, false, Progress.Mode.PLAIN),
        new HttpDestination(server, null, 8, () -> false, err::println), err);
    Importer.Result r = importer.run(Inputs.expand(List.of(archive.toString())));
    return new Outcome(r.tally().accepted.get(), r.seconds(), r.finished(), r.stopReason());
  }
}
