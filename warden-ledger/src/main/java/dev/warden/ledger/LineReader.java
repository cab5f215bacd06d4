package dev.warden.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Reads a segment as raw byte lines, keeping offsets so a torn tail can be cut off exactly. For the
 * active segment it stops at {@link Segments#dataEnd}: the NUL padding after the last record reads
 * as the end of the file.
 */
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
  // Our own buffer: scanning it for '\n' beats a synchronized read() per byte.
  private final byte[] buf = new byte[1 << 18];
  private int pos;
  private int limit;
  private long offset;
  private long number;
  private long unread; // bytes of data left in the stream; the padding after them is never read

  /** Reads a closed segment to its end: NUL bytes are data there (and damage). */
  LineReader(Path file) throws IOException {
    this(file, 0, 0, false);
  }

  /**
   * Reads from byte {@code offset}, which starts line {@code linesBefore + 1}; with {@code active},
   * only up to {@link Segments#dataEnd}.
   */
  LineReader(Path file, long offset, long linesBefore, boolean active) throws IOException {
    long end = active ? Segments.dataEnd(file) : Long.MAX_VALUE;
    InputStream raw =
        Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    try {
      raw.skipNBytes(offset);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
    this.in = raw;
    this.offset = offset;
    this.number = linesBefore;
    this.unread = Math.max(0, end - offset);
  }

  /** The next line, or null at end of file. */
  @Nullable Line next() throws IOException {
    ByteArrayOutputStream spill = null; // only for a line that crosses a buffer boundary
    long start = offset;
    long length = 0;
    while (true) {
      if (pos == limit) {
        limit = unread == 0 ? -1 : in.read(buf, 0, (int) Math.min(buf.length, unread));
        unread -= Math.max(0, limit);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          if (length == 0) {
            return null;
          }
          byte[] bytes = spill == null ? new byte[0] : spill.toByteArray();
          return new Line(++number, start, length, bytes, false);
        }
      }
      int from = pos;
      int nl = indexOfNewline(buf, from, limit);
      int end = nl < 0 ? limit : nl;
      int n = end - from;
      long kept = Math.min(n, Math.max(0, MAX_LINE - length));
      if (nl >= 0 && spill == null) {
        byte[] bytes = java.util.Arrays.copyOfRange(buf, from, from + (int) kept);
        pos = nl + 1;
        offset += n + 1;
        return new Line(++number, start, length + n, bytes, true);
      }
      if (kept > 0) {
        if (spill == null) {
          spill = new ByteArrayOutputStream(Math.max(512, n * 2));
        }
        spill.write(buf, from, (int) kept);
      }
      length += n;
      offset += n;
      pos = end;
      if (nl >= 0) {
        pos = nl + 1;
        offset += 1;
        byte[] bytes = spill == null ? new byte[0] : spill.toByteArray();
        return new Line(++number, start, length, bytes, true);
      }
    }
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * Index of the first {@code '\n'} in {@code b[from, to)}, or -1. Tests eight bytes per step: a
   * byte-at-a-time loop was the verifier's largest single cost. For {@code w = word ^ NEWLINES} the
   * expression {@code (w - ONES) & ~w & HIGHS} sets the high bit of the lowest zero byte of {@code
   * w} exactly (a borrow can only mark bytes above it), and little-endian makes lowest mean first.
   */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = from;
    for (; i <= to - Long.BYTES; i += Long.BYTES) {
      long w = (long) LONGS.get(b, i) ^ NEWLINES;
      long found = (w - ONES) & ~w & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
