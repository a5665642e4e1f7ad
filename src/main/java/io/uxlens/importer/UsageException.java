package io.uxlens.importer;

/** A problem with how the import was called (bad option, missing file, wrong column map): exit code 2. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
