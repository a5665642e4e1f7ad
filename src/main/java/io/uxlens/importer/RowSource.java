package io.uxlens.importer;

import java.io.Closeable;
import java.io.IOException;

/** Records of one input, streamed in order. */
interface RowSource extends Closeable {
  /** The next record, or null at the end. */
  Row next() throws IOException;

  /** Bytes of the input file consumed so far (compressed bytes for gzip), for progress and ETA. */
  long bytesRead();
}
