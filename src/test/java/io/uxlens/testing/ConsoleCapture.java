package io.uxlens.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures what a command prints to standard output and error during each test, and restores both after it:
 * {@code @RegisterExtension final ConsoleCapture console = new ConsoleCapture();}.
 */
public final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @Override
  public void beforeEach(ExtensionContext context) {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  /** Standard output so far, trimmed. */
  public String out() {
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  /** Standard error so far, trimmed. */
  public String err() {
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  /** Forgets what was captured, so the next assertion sees only what follows. */
  public void reset() {
    out.reset();
    err.reset();
  }
}
