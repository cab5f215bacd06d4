package dev.warden.engine;

import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The text a binary part carries in the clear: what a provider that reads the file would read
 * although Warden passes the part on unchanged. A file signature says what a part claims to be, not
 * what else it holds: {@code %PDF-} followed by an uncompressed content stream, or a PNG header
 * followed by plain text, would otherwise carry a key past every detector.
 *
 * <p>Read: every run of at least {@value #MIN_RUN} printable ASCII characters in the decoded bytes
 * (random image or audio data almost never holds one: about once per 10 MB), and for a PDF the same
 * in each {@code FlateDecode} stream, inflated. Bounded: at most {@value #MAX_TEXT} characters of
 * text per part, and {@value #MAX_INFLATED} inflated bytes per body ({@link Budget}, shared by all
 * its binary parts), so neither a compression bomb nor many small ones cost more than one large
 * file. Once the body's inflation budget is spent, later streams are not inflated; their parts' own
 * printable runs are still read.
 */
final class BinaryText {
  private BinaryText() {}

  /**
   * What one body's binary parts may still inflate together (the amplification a compression bomb
   * buys); the text read from one part is bounded by {@link #MAX_TEXT} on its own, and the
   * printable runs of a part's own bytes by the body's size.
   */
  static final class Budget {
    private long inflated = MAX_INFLATED;
  }

  /** Shorter printable runs are noise in compressed data. */
  static final int MIN_RUN = 16;

  /** At most this many characters of text are read from one part. */
  static final int MAX_TEXT = 1 << 20;

  /** At most this many bytes are inflated from one PDF's streams, together. */
  static final int MAX_INFLATED = 8 << 20;

  private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
  private static final byte[] STREAM = {'s', 't', 'r', 'e', 'a', 'm'};
  private static final byte[] END_STREAM = {'e', 'n', 'd', 's', 't', 'r', 'e', 'a', 'm'};

  /**
   * The readable text of a base64 value (a bare one, or a {@code data:} URL's payload), runs
   * separated by line feeds; empty when there is none or the value is not base64.
   */
  static String of(String value, Budget budget) {
    int comma = value.regionMatches(true, 0, "data:", 0, 5) ? value.indexOf(',') : -1;
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(comma >= 0 ? value.substring(comma + 1) : value);
    } catch (IllegalArgumentException notBase64) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    runs(bytes, bytes.length, text);
    if (startsWith(bytes, 0, PDF)) {
      inflatedStreams(bytes, text, budget);
    }
    return text.toString();
  }

  /**
   * Appends the printable runs of {@code bytes[0, to)} to {@code text}, up to {@link #MAX_TEXT}.
   */
  private static void runs(byte[] bytes, int to, StringBuilder text) {
    int start = -1;
    for (int i = 0; i <= to && text.length() < MAX_TEXT; i++) {
      boolean printable = i < to && printable(bytes[i]);
      if (printable && start < 0) {
        start = i;
      } else if (!printable && start >= 0) {
        if (i - start >= MIN_RUN) {
          int end = Math.min(i, start + (MAX_TEXT - text.length()));
          for (int k = start; k < end; k++) {
            text.append((char) bytes[k]);
          }
          text.append('\n');
        }
        start = -1;
      }
    }
  }

  private static boolean printable(byte b) {
    return (b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\r';
  }

  /** Inflates each {@code stream … endstream} body that is zlib data and reads its runs. */
  private static void inflatedStreams(byte[] pdf, StringBuilder text, Budget budget) {
    byte[] out = new byte[64 * 1024];
    int at = 0;
    Inflater inflater = new Inflater();
    try {
      while (budget.inflated > 0 && text.length() < MAX_TEXT) {
        at = nextStream(pdf, at, out, inflater, text, budget);
        if (at < 0) {
          return;
        }
      }
    } finally {
      inflater.end();
    }
  }

  /**
   * Inflates and reads the first {@code stream … endstream} body from {@code at}; returns where the
   * search goes on, or -1 when there is no further stream.
   */
  private static int nextStream(
      byte[] pdf, int at, byte[] out, Inflater inflater, StringBuilder text, Budget budget) {
    int keyword = indexOf(pdf, STREAM, at);
    if (keyword < 0) {
      return -1;
    }
    int body = keyword + STREAM.length;
    if (body < pdf.length && pdf[body] == '\r') {
      body++;
    }
    if (body < pdf.length && pdf[body] == '\n') {
      body++;
    }
    int end = indexOf(pdf, END_STREAM, body);
    if (end < 0) {
      return -1;
    }
    if (keyword >= 3 && startsWith(pdf, keyword - 3, END_STREAM)) {
      return end + END_STREAM.length; // the "stream" inside an "endstream"
    }
    // Whole, so that a run is not cut where one buffer of output ends.
    java.io.ByteArrayOutputStream inflated = new java.io.ByteArrayOutputStream();
    inflater.reset();
    try {
      inflater.setInput(pdf, body, end - body);
      while (!inflater.finished() && budget.inflated > 0) {
        int n = inflater.inflate(out, 0, (int) Math.min(out.length, budget.inflated));
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        budget.inflated -= n;
        inflated.write(out, 0, n);
      }
    } catch (DataFormatException notZlib) {
      // An image stream or another filter: its printable runs were read with the file.
    }
    byte[] streamBytes = inflated.toByteArray();
    runs(streamBytes, streamBytes.length, text);
    return end + END_STREAM.length;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    for (int i = Math.max(0, from); i + needle.length <= haystack.length; i++) {
      if (startsWith(haystack, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > bytes.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (bytes[at + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }
}
