package io.uxlens.importer;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The command's FILE arguments as inputs: files, directories (all files below, sorted), globs and {@code -}. */
final class Inputs {
  /** One input: a file, or standard input when {@code path} is null. */
  record Input(String name, Path path, long size, long modified) {
    boolean stdin() {
      return path == null;
    }

    /** The checkpoint key: the absolute path, or {@code -}. */
    String key() {
      return stdin() ? "-" : path.toAbsolutePath().normalize().toString();
    }
  }

  private Inputs() {}

  static List<Input> expand(List<String> args) {
    List<Input> out = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-")) {
        out.add(new Input("-", null, -1, 0));
        continue;
      }
      Path p = Path.of(arg);
      List<Path> files;
      if (Files.isDirectory(p)) {
        files = walk(p, f -> true);
      } else if (Files.isRegularFile(p)) {
        files = List.of(p);
      } else if (arg.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
        files = glob(arg);
      } else {
        throw new UsageException(arg + ": no such file or directory");
      }
      if (files.isEmpty()) {
        throw new UsageException(arg + ": matches no files");
      }
      for (Path f : files) {
        out.add(describe(f));
      }
    }
    return out;
  }

  private static Input describe(Path f) {
    try {
      return new Input(f.toString(), f, Files.size(f), Files.getLastModifiedTime(f).toMillis());
    } catch (IOException e) {
      throw new UsageException(f + ": cannot read: " + e.getMessage());
    }
  }

  /** A glob such as {@code exports/2026-*.json.gz}: matched below its longest directory prefix without wildcards. */
  private static List<Path> glob(String pattern) {
    Path base = Path.of("");
    Path whole = Path.of(pattern);
    for (Path part : whole) {
      if (part.toString().chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
        break;
      }
      base = base.resolve(part);
    }
    if (whole.isAbsolute()) {
      base = whole.getRoot().resolve(base);
    }
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    return walk(base, matcher::matches);
  }

  private static List<Path> walk(Path dir, java.util.function.Predicate<Path> keep) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .filter(f -> !f.getFileName().toString().contains(".rejects."))
          .filter(keep).sorted().toList();
    } catch (IOException e) {
      throw new UsageException(dir + ": cannot list: " + e.getMessage());
    }
  }

  /** Opens an input, inflating gzip when its first bytes say so (whatever its name), counting the bytes read. */
  static Opened open(Input input) throws IOException {
    InputStream raw = input.stdin() ? System.in : Files.newInputStream(input.path());
    CountingStream counted = new CountingStream(new BufferedInputStream(raw, 1 << 16));
    BufferedInputStream peek = new BufferedInputStream(counted, 1 << 16);
    peek.mark(2);
    int b1 = peek.read();
    int b2 = peek.read();
    peek.reset();
    boolean gzip = b1 == 0x1f && b2 == 0x8b;
    InputStream content = gzip ? new BufferedInputStream(new GZIPInputStream(peek, 1 << 16), 1 << 16) : peek;
    return new Opened(content, counted);
  }

  /** An open input: its content, and how many bytes of the file (compressed, when gzip) have been read. */
  record Opened(InputStream content, CountingStream counter) implements java.io.Closeable {
    @Override
    public void close() throws IOException {
      content.close();
    }
  }

  static final class CountingStream extends FilterInputStream {
    private volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
