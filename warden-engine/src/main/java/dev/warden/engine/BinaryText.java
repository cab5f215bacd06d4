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
 * text and {@value #MAX_INFLATED} inflated bytes per part, so a compression bomb costs no more than
 * a large file.
 */
final class BinaryText {
  private BinaryText() {}

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
  static String of(String value) {
    int comma = value.startsWith("data:") ? value.indexOf(',') : -1;
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(comma >= 0 ? value.substring(comma + 1) : value);
    } catch (IllegalArgumentException notBase64) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    runs(bytes, 0, bytes.length, text);
    if (startsWith(bytes, 0, PDF)) {
      inflatedStreams(bytes, text);
    }
    return text.toString();
  }

  /** Appends the printable runs of {@code bytes[from, to)} to {@code text}, up to the bound. */
  private static void runs(byte[] bytes, int from, int to, StringBuilder text) {
    int start = -1;
    for (int i = from; i <= to && text.length() < MAX_TEXT; i++) {
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
  private static void inflatedStreams(byte[] pdf, StringBuilder text) {
    byte[] out = new byte[64 * 1024];
    long budget = MAX_INFLATED;
    int at = 0;
    while (budget > 0 && text.length() < MAX_TEXT) {
      int keyword = indexOf(pdf, STREAM, at);
      if (keyword < 0) {
        return;
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
        return;
      }
      at = end + END_STREAM.length;
      if (keyword >= 3 && startsWith(pdf, keyword - 3, END_STREAM)) {
        continue; // the "stream" inside an "endstream"
      }
      // Whole, so that a run is not cut where one buffer of output ends.
      java.io.ByteArrayOutputStream inflated = new java.io.ByteArrayOutputStream();
      Inflater inflater = new Inflater();
      try {
        inflater.setInput(pdf, body, end - body);
        while (!inflater.finished() && budget > 0) {
          int n = inflater.inflate(out, 0, (int) Math.min(out.length, budget));
          if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            break;
          }
          budget -= n;
          inflated.write(out, 0, n);
        }
      } catch (DataFormatException notZlib) {
        // An image stream or another filter: its printable runs were read with the file.
      } finally {
        inflater.end();
      }
      byte[] streamBytes = inflated.toByteArray();
      runs(streamBytes, 0, streamBytes.length, text);
    }
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
