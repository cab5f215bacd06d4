package dev.warden.ledger;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/** Reads a segment as raw byte lines, keeping offsets so a torn tail can be cut off exactly. */
final class LineReader implements AutoCloseable {
  /** No record comes near this; a longer line is damage, and must not exhaust memory. */
  static final int MAX_LINE = 1 << 20;

  /**
   * One line without its {@code '\n'}.
   *
   * @param number 1-based line number
   * @param offset byte offset of the line's first byte
   * @param length the line's length in bytes ({@code bytes} holds at most {@link #MAX_LINE})
   * @param terminated whether a {@code '\n'} followed (only a torn last line lacks one)
   */
  record Line(long number, long offset, long length, byte[] bytes, boolean terminated) {
    boolean oversized() {
      return length > MAX_LINE;
    }

    /** Offset just past this line and its {@code '\n'}. */
    long end() {
      return offset + length + (terminated ? 1 : 0);
    }
  }

  private final InputStream in;
  private long offset;
  private long number;

  LineReader(Path file) throws IOException {
    this(file, 0, 0);
  }

  /** Reads from byte {@code offset}, which starts line {@code linesBefore + 1}. */
  LineReader(Path file, long offset, long linesBefore) throws IOException {
    InputStream raw =
        Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    try {
      raw.skipNBytes(offset);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
    this.in = new BufferedInputStream(raw, 1 << 16);
    this.offset = offset;
    this.number = linesBefore;
  }

  /** The next line, or null at end of file. */
  @Nullable Line next() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
    long start = offset;
    long length = 0;
    int b;
    while ((b = in.read()) != -1) {
      offset++;
      if (b == '\n') {
        return new Line(++number, start, length, buf.toByteArray(), true);
      }
      if (++length <= MAX_LINE) {
        buf.write(b);
      }
    }
    if (length == 0) {
      return null;
    }
    return new Line(++number, start, length, buf.toByteArray(), false);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
