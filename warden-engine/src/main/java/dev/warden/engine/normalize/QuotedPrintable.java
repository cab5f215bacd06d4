package dev.warden.engine.normalize;

import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a mail body sent as {@code Content-Transfer-Encoding: quoted-printable}: a line longer
 * than 76 characters is broken by a soft break ({@code =} at the end of the line), and every byte
 * outside printable ASCII is written {@code =XX}. A webhook URL broken as {@code
 * https://hooks.slack.com/se=⏎rvices/…} reaches no rule whole, and a Korean or Japanese body is
 * nothing but escapes, so no context word in it is read. The derived text is scanned beside the
 * others; a finding there maps back over the encoded text.
 *
 * <p>Only text that names the encoding is decoded, from the header on; a run of escapes whose bytes
 * are not UTF-8 is left as written. Cost: one search for the header's name.
 */
final class QuotedPrintable {
  private QuotedPrintable() {}

  private static final String NAME = "quoted-printable";

  /** {@code text} with its quoted-printable body decoded, or null when there is none. */
  static @Nullable MappedText decodeOrNull(String text, @Nullable MappedText parent) {
    int header = headerEnd(text);
    if (header < 0) {
      return null;
    }
    int n = text.length();
    MappedText.Builder b = null;
    int copied = 0;
    int i = text.indexOf('=', header);
    while (i >= 0 && i < n) {
      int end = escapeRunEnd(text, i);
      if (end == i) {
        i = text.indexOf('=', i + 1);
        continue;
      }
      String decoded = decodeRun(text, i, end);
      if (decoded != null) {
        if (b == null) {
          b = new MappedText.Builder(parent, text);
        }
        b.copy(copied, i);
        b.replace(i, end, decoded, Evasion.QUOTED_PRINTABLE);
        copied = end;
      }
      i = end < n ? text.indexOf('=', end) : -1;
    }
    if (b == null) {
      return null;
    }
    b.copy(copied, n);
    return b.build();
  }

  /** Where the line naming the encoding ends; -1 when the text names none. */
  private static int headerEnd(String text) {
    if (!anyEscape(text)) {
      return -1; // nothing to decode; the '=' search is vectorized, the header's would not be
    }
    int at = -1;
    // Header values are case-insensitive ("Quoted-Printable", "QUOTED-PRINTABLE"): look at each
    // hyphen for the words around it.
    for (int h = text.indexOf('-'); h >= 0 && at < 0; h = text.indexOf('-', h + 1)) {
      if (h >= 6 && text.regionMatches(true, h - 6, NAME, 0, NAME.length())) {
        at = h - 6;
      }
    }
    if (at < 0) {
      return -1;
    }
    int line = text.indexOf('\n', at);
    return line < 0 ? text.length() : line + 1;
  }

  /** Whether an {@code =} of {@code text} starts an escape or a soft break. */
  private static boolean anyEscape(String text) {
    for (int i = text.indexOf('='); i >= 0; i = text.indexOf('=', i + 1)) {
      if (escapeRunEnd(text, i) > i) {
        return true;
      }
    }
    return false;
  }

  /** The end of the run of {@code =XX} escapes and soft breaks starting at {@code i}. */
  private static int escapeRunEnd(String text, int i) {
    int n = text.length();
    int k = i;
    while (k < n && text.charAt(k) == '=') {
      if (k + 2 < n
          && EncodedRuns.hexValue(text.charAt(k + 1)) >= 0
          && EncodedRuns.hexValue(text.charAt(k + 2)) >= 0) {
        k += 3;
      } else if (k + 1 < n && text.charAt(k + 1) == '\n') {
        k += 2;
      } else if (k + 2 < n && text.charAt(k + 1) == '\r' && text.charAt(k + 2) == '\n') {
        k += 3;
      } else {
        break;
      }
    }
    return k;
  }

  /** The text the run stands for (soft breaks removed), or null if its bytes are not UTF-8. */
  private static @Nullable String decodeRun(String text, int from, int end) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream((end - from) / 3);
    for (int k = from; k < end; ) {
      char next = text.charAt(k + 1);
      if (next == '\n') {
        k += 2;
      } else if (next == '\r') {
        k += 3;
      } else {
        bytes.write(EncodedRuns.hexValue(next) << 4 | EncodedRuns.hexValue(text.charAt(k + 2)));
        k += 3;
      }
    }
    if (bytes.size() == 0) {
      return "";
    }
    return StrictUtf8.decode(bytes.toByteArray());
  }
}
