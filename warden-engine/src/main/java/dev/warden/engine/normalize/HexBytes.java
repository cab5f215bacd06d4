package dev.warden.engine.normalize;

import org.jspecify.annotations.Nullable;

/**
 * Decodes bytes written one by one in hex — a C or Java byte array ({@code 0x31, 0x34, 0x36, …}), a
 * hex dump ({@code 78 6f 78 62 2d 36 …}) — the way a token is kept "not as a plain string literal"
 * or logged by a proxy. The contiguous hex run of {@link EncodedRuns} does not see them: every byte
 * stands alone. The derived text is scanned beside the others; a finding there maps back over the
 * bytes.
 *
 * <p>Only runs of at least {@value #MIN_BYTES} bytes of one form — {@code 0x}-prefixed bytes
 * separated by commas (line breaks and indentation allowed), or bare two-digit bytes separated by
 * single spaces — whose bytes are printable UTF-8 (a dump of binary data stays as written). Cost: a
 * vectorized search for {@code x}, and a look at every fourteenth character for a spaced dump.
 */
final class HexBytes {
  private HexBytes() {}

  static final int MIN_BYTES = 8;

  private static final int STRIDE = 14;

  /** How many bytes one run decodes at most; a longer run is decoded in pieces of this many. */
  private static final int MAX_BYTES = 4096;

  /** {@code text} with its byte runs decoded, or null when there is none. */
  static @Nullable MappedText decodeOrNull(String text, @Nullable MappedText parent) {
    Decoder d = new Decoder(text, parent);
    // 'x' is rare in text and its search vectorized; a search for "0x" is neither.
    for (int x = text.indexOf('x', 1); x >= 0; x = text.indexOf('x', Math.max(x + 1, d.scanned))) {
      if (text.charAt(x - 1) == '0') {
        d.prefixedRun(x - 1);
      }
    }
    int n = text.length();
    if (n >= 3 * MIN_BYTES - 1) { // else too short for a dump
      d.scanned = 0; // the passes read independently; build() orders what they found
      lookForDumps(text, d);
    }
    return d.build();
  }

  /**
   * Looks at every {@value #STRIDE}th character of {@code chars} for a spaced dump, and decodes
   * those found. A dump of eight bytes spans 23 characters: every stretch that long holds a
   * multiple of STRIDE from which the check reads three of its spaces.
   */
  private static void lookForDumps(String chars, Decoder d) {
    int length = chars.length();
    for (int k = 0; k + 9 < length; k += STRIDE) {
      // In a spaced dump one of any three characters is a space, and so is every third after it.
      int s = chars.charAt(k) == ' ' ? k : chars.charAt(k + 1) == ' ' ? k + 1 : k + 2;
      if (chars.charAt(s) == ' '
          && chars.charAt(s + 3) == ' '
          && chars.charAt(s + 6) == ' '
          && isHex(chars.charAt(s + 1))
          && isHex(chars.charAt(s + 2))
          && s + 1 >= d.scanned) {
        d.spacedRun(s + 1);
      }
    }
  }

  private static final class Decoder {
    private final String text;
    private final @Nullable MappedText parent;
    private final java.util.List<Run> runs = new java.util.ArrayList<>();

    /**
     * Where the last run read ended, decoded or not: no run is read twice (a long dump of binary
     * bytes, read again from every seed in it, would make the view quadratic).
     */
    int scanned;

    Decoder(String text, @Nullable MappedText parent) {
      this.text = text;
      this.parent = parent;
    }

    /** Reads {@code 0xHH} bytes separated by commas from {@code start}. */
    void prefixedRun(int start) {
      if (start > 0 && isWordChar(text.charAt(start - 1))) {
        return;
      }
      byte[] bytes = new byte[16];
      int count = 0;
      int k = start;
      int end = start;
      while (count < MAX_BYTES && isPrefixedByte(k)) {
        if (count == bytes.length) {
          bytes = java.util.Arrays.copyOf(bytes, count * 2);
        }
        bytes[count++] = (byte) (value(k + 2));
        end = k + 4;
        int next = end;
        while (next < text.length() && isSpace(text.charAt(next))) {
          next++;
        }
        if (next >= text.length() || text.charAt(next) != ',') {
          break;
        }
        next++;
        while (next < text.length() && isSpace(text.charAt(next)) && next - end < 64) {
          next++;
        }
        k = next;
      }
      replace(start, end, bytes, count);
    }

    /** Reads bare {@code HH} bytes separated by single spaces, back and forth from {@code seed}. */
    void spacedRun(int seed) {
      // Not back past what is read already: a dump longer than MAX_BYTES is read on in pieces.
      int first = seed;
      while (first - 3 >= scanned && text.charAt(first - 1) == ' ' && isBareByte(first - 3)) {
        first -= 3;
      }
      byte[] bytes = new byte[16];
      int count = 0;
      int k = first;
      int end = first;
      while (count < MAX_BYTES && isBareByte(k)) {
        if (count == bytes.length) {
          bytes = java.util.Arrays.copyOf(bytes, count * 2);
        }
        bytes[count++] = (byte) value(k);
        end = k + 2;
        if (end >= text.length() || text.charAt(end) != ' ') {
          break;
        }
        k = end + 1;
      }
      replace(first, end, bytes, count);
    }

    private void replace(int start, int end, byte[] bytes, int count) {
      scanned = Math.max(scanned, Math.max(end, start + 1));
      while (count > 0 && bytes[count - 1] == 0) {
        count--; // a C string's terminator ends the text, it is not a control character in it
      }
      if (count < MIN_BYTES) {
        return;
      }
      String decoded = EncodedRuns.utf8OrNull(java.util.Arrays.copyOf(bytes, count), false);
      if (decoded != null) {
        runs.add(new Run(start, end, decoded));
      }
    }

    private boolean isPrefixedByte(int k) {
      return k + 3 < text.length()
          && text.charAt(k) == '0'
          && text.charAt(k + 1) == 'x'
          && isHex(text.charAt(k + 2))
          && isHex(text.charAt(k + 3))
          && (k + 4 == text.length() || !isWordChar(text.charAt(k + 4)));
    }

    /** Two hex digits standing alone between non-word characters. */
    private boolean isBareByte(int k) {
      return k >= 0
          && k + 1 < text.length()
          && isHex(text.charAt(k))
          && isHex(text.charAt(k + 1))
          && (k == 0 || !isWordChar(text.charAt(k - 1)))
          && (k + 2 == text.length() || !isWordChar(text.charAt(k + 2)));
    }

    private int value(int k) {
      return EncodedRuns.hexValue(text.charAt(k)) << 4 | EncodedRuns.hexValue(text.charAt(k + 1));
    }

    /** The text with the decoded runs of both passes in place, in text order; null if none. */
    @Nullable MappedText build() {
      if (runs.isEmpty()) {
        return null;
      }
      runs.sort((x, y) -> Integer.compare(x.start(), y.start()));
      MappedText.Builder b = new MappedText.Builder(parent, text);
      int copied = 0;
      for (Run run : runs) {
        if (run.start() < copied) {
          continue; // inside a run taken already (a dump of 0x bytes read by both passes)
        }
        EncodingSuffix.copyDroppingSuffix(b, text, copied, run.start(), Evasion.HEX);
        b.replace(run.start(), run.end(), run.decoded(), Evasion.HEX);
        copied = run.end();
      }
      b.copy(copied, text.length());
      return b.build();
    }

    /** Bytes {@code text[start, end)} read as {@code decoded}. */
    private record Run(int start, int end, String decoded) {}
  }

  private static boolean isHex(char c) {
    return EncodedRuns.hexValue(c) >= 0;
  }

  private static boolean isWordChar(char c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '_';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
