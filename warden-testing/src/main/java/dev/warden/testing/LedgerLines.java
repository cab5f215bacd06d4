package dev.warden.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a ledger segment's record lines as a test or a tail-style reader of a live ledger must: the
 * active segment ends in NUL padding (zero-filled space the writer keeps ahead of its records, see
 * docs/ledger.md "Files"), which is the end of the records, not a line.
 */
public final class LedgerLines {
  private LedgerLines() {}

  /** The lines of {@code segment} before its padding, without their {@code '\n'}. */
  public static List<String> read(Path segment) throws IOException {
    byte[] bytes = Files.readAllBytes(segment);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
  }
}
