package dev.warden.engine.normalize;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Finds encoded runs in a text and replaces each with what it decodes to, when that is printable
 * UTF-8 text. One left-to-right pass; runs do not overlap.
 *
 * <ul>
 *   <li><b>Percent</b>: a run of {@code %XX} triplets ({@code %40}, {@code %E2%80%8B}) whose bytes
 *       are UTF-8.
 *   <li><b>Unicode escapes</b>: a run of {@code \}{@code uXXXX} written out in the text (JSON
 *       encoded twice), surrogate pairs included.
 *   <li><b>HTML character references</b>: a run of {@code &#64;}, {@code &#x34;} (the {@code ;}
 *       optional after digits) and the named references of ASCII punctuation ({@code &commat;},
 *       {@code &period;}, {@code &amp;}, …), as scraped pages, e-mails and tool results carry them.
 *   <li><b>Hex</b>: an even run of at least {@value #MIN_RUN} hex digits (optionally after {@code
 *       0x}) decoding to printable text; a digest decodes to bytes that are not, and stays.
 *   <li><b>Base64 / base64url</b>: a run of at least {@value #MIN_RUN} characters of one alphabet
 *       (optional {@code =} padding, length possible for base64), with at least two of upper case,
 *       lower case and digits (so a long plain word is not tried), decoding to printable UTF-8. An
 *       image or other binary payload fails the check on its first bytes and is skipped.
 * </ul>
 *
 * <p>Printable means: valid UTF-8 with no control character other than tab, line feed and carriage
 * return, and no U+FFFD.
 */
final class EncodedRuns {
  /** Shortest hex or base64 run tried: 12 bytes of base64, 8 of hex. */
  static final int MIN_RUN = 16;

  /** Base64 characters checked before decoding a whole run. */
  private static final int PROBE = 64;

  private static final byte STD = 1; // A-Za-z0-9+/
  private static final byte URL = 2; // A-Za-z0-9-_
  private static final byte HEX = 4;
  private static final byte UPPER = 8;
  private static final byte LOWER = 16;
  private static final byte DIGIT = 32;
  private static final byte[] CLASS = new byte[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      CLASS[c] = STD | URL | UPPER;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      CLASS[c] = STD | URL | LOWER;
    }
    for (char c = '0'; c <= '9'; c++) {
      CLASS[c] = STD | URL | HEX | DIGIT;
    }
    for (char c : "abcdefABCDEF".toCharArray()) {
      CLASS[c] |= HEX;
    }
    CLASS['+'] = STD;
    CLASS['/'] = STD;
    CLASS['-'] = URL;
    CLASS['_'] = URL;
  }

  /** Work left for one leaf, shared by every layer of decoding. */
  static final class Budget {
    private int decodedChars;
    private int candidates;
    private final int maxRunLength;

    Budget(EvasionLimits limits) {
      this.decodedChars = limits.maxDecodedChars();
      this.candidates = limits.maxCandidates();
      this.maxRunLength = limits.maxRunLength();
    }

    /** Takes one candidate; false once they are used up. */
    boolean tryCandidate() {
      if (candidates <= 0) {
        return false;
      }
      candidates--;
      return true;
    }

    boolean fits(int chars) {
      return chars <= decodedChars;
    }

    void spend(int chars) {
      decodedChars -= chars;
    }
  }

  private EncodedRuns() {}

  /** {@code text} with its encoded runs decoded, or null when there is none. */
  static @Nullable MappedText decodeOrNull(
      String text, @Nullable MappedText parent, Coverage covered, Budget budget) {
    int n = text.length();
    MappedText.Builder b = null;
    int copied = 0;
    int i = 0;
    // Jump to the next place a candidate can start: a '%' or '\' (indexOf is vectorized) or the
    // start of a long enough run of base64 characters (found by skipping, not char by char).
    int percent = text.indexOf('%');
    int backslash = text.indexOf('\\');
    int ampersand = text.indexOf('&');
    while (i < n) {
      if (percent >= 0 && percent < i) {
        percent = text.indexOf('%', i);
      }
      if (backslash >= 0 && backslash < i) {
        backslash = text.indexOf('\\', i);
      }
      if (ampersand >= 0 && ampersand < i) {
        ampersand = text.indexOf('&', i);
      }
      int limit =
          Math.min(
              Math.min(percent < 0 ? n : percent, backslash < 0 ? n : backslash),
              ampersand < 0 ? n : ampersand);
      int run = longRunStart(text, i, limit);
      i = run >= 0 ? run : limit;
      if (i >= n) {
        break;
      }
      char c = text.charAt(i);
      int end;
      @Nullable Decoded decoded = null;
      if (c == '%') {
        end = percentRunEnd(text, i);
        if (end > i && budget.tryCandidate()) {
          decoded = decodePercent(text, i, end);
        }
      } else if (c == '&') {
        end = i;
        StringBuilder references = new StringBuilder();
        for (int next; (next = HtmlReferences.end(text, end)) > end; end = next) {
          int before = references.length();
          HtmlReferences.appendDecoded(text, end, next, references);
          if (!printable(references.substring(before), false)) {
            references.setLength(before); // the run ends before a reference to a control character
            break;
          }
        }
        if (end > i && budget.tryCandidate()) {
          String s = references.toString();
          decoded = new Decoded(s, end, Evasion.HTML_ENTITY);
        } else if (end == i) {
          end = i + 1;
        }
      } else if (c == '\\' && i + 1 < n && text.charAt(i + 1) == 'u') {
        end = escapeRunEnd(text, i);
        if (end > i && budget.tryCandidate()) {
          decoded = decodeEscapes(text, i, end);
        }
      } else if (c < 128 && (CLASS[c] & (STD | URL)) != 0) {
        int runStart = i;
        int classes = 0;
        end = i;
        while (end < n) {
          char r = text.charAt(end);
          if (r >= 128 || (CLASS[r] & (STD | URL)) == 0) {
            break;
          }
          classes |= CLASS[r];
          end++;
        }
        // A run right after a written-out escape ("\nQUtJ…") starts after the escape's letter.
        if (runStart > 0 && text.charAt(runStart - 1) == '\\') {
          runStart++;
        }
        if (end - runStart >= MIN_RUN) {
          int padded = end;
          while (padded < n && padded - end < 2 && text.charAt(padded) == '=') {
            padded++;
          }
          if (padded - runStart <= budget.maxRunLength && budget.tryCandidate()) {
            decoded = decodeRun(text, runStart, end, padded, classes);
            // A URL path ("/invite/eyJl…"): the last segment alone may be the encoded value.
            int slash = lastSlash(text, runStart, end);
            if (decoded == null
                && slash >= 0
                && end - slash - 1 >= MIN_RUN
                && budget.tryCandidate()) {
              decoded = decodeRun(text, slash + 1, end, padded, classesOf(text, slash + 1, end));
              if (decoded != null) {
                runStart = slash + 1;
              }
            }
          }
          if (decoded != null) {
            i = runStart;
            end = decoded.end;
          }
        }
      } else {
        i++;
        continue;
      }
      if (decoded != null
          && budget.fits(decoded.text.length())
          && !covered.covers(start(parent, i), end(parent, decoded.end - 1))) {
        budget.spend(decoded.text.length());
        if (b == null) {
          b = new MappedText.Builder(parent, text);
        }
        EncodingSuffix.copyDroppingSuffix(b, text, copied, i, decoded.kind);
        b.replace(i, decoded.end, decoded.text, decoded.kind);
        copied = decoded.end;
        i = decoded.end;
      } else {
        i = Math.max(end, i + 1);
      }
    }
    if (b == null) {
      return null;
    }
    b.copy(copied, n);
    return b.build();
  }

  /**
   * The start of the first run of at least {@value #MIN_RUN} base64 characters in {@code [from,
   * limit)}, or -1. Probes the last character a run starting at {@code p} would need; a miss skips
   * the whole stretch, a hit scans back for the break that bounds the next try.
   */
  private static int longRunStart(String text, int from, int limit) {
    int p = from;
    while (p + MIN_RUN <= limit) {
      int probe = p + MIN_RUN - 1;
      if (!isBase64(text.charAt(probe))) {
        p = probe + 1;
        continue;
      }
      int k = probe - 1;
      while (k >= p && isBase64(text.charAt(k))) {
        k--;
      }
      if (k < p) {
        return p;
      }
      p = k + 1;
    }
    return -1;
  }

  private static boolean isBase64(char c) {
    return c < 128 && (CLASS[c] & (STD | URL)) != 0;
  }

  /** A decoded run ending (exclusive) at {@code end}. */
  private record Decoded(String text, int end, Evasion kind) {}

  /** The end of the run of {@code %XX} escapes starting at {@code i}; {@code i} when none. */
  static int percentRunEnd(String text, int i) {
    int k = i;
    while (k + 2 < text.length()
        && text.charAt(k) == '%'
        && hexValue(text.charAt(k + 1)) >= 0
        && hexValue(text.charAt(k + 2)) >= 0) {
      k += 3;
    }
    return k;
  }

  private static @Nullable Decoded decodePercent(String text, int from, int end) {
    String s = percentDecodedOrNull(text, from, end);
    return s == null ? null : new Decoded(s, end, Evasion.PERCENT);
  }

  /** The UTF-8 text the escapes {@code text[from, end)} stand for, or null if it is not text. */
  static @Nullable String percentDecodedOrNull(String text, int from, int end) {
    byte[] bytes = new byte[(end - from) / 3];
    for (int k = 0; k < bytes.length; k++) {
      int at = from + 3 * k;
      bytes[k] = (byte) (hexValue(text.charAt(at + 1)) << 4 | hexValue(text.charAt(at + 2)));
    }
    return utf8OrNull(bytes, true);
  }

  private static int escapeRunEnd(String text, int i) {
    int k = i;
    while (k + 5 < text.length()
        && text.charAt(k) == '\\'
        && text.charAt(k + 1) == 'u'
        && hexValue(text.charAt(k + 2)) >= 0
        && hexValue(text.charAt(k + 3)) >= 0
        && hexValue(text.charAt(k + 4)) >= 0
        && hexValue(text.charAt(k + 5)) >= 0) {
      k += 6;
    }
    return k;
  }

  private static @Nullable Decoded decodeEscapes(String text, int from, int end) {
    StringBuilder sb = new StringBuilder((end - from) / 6);
    for (int k = from; k < end; k += 6) {
      int v = 0;
      for (int d = 2; d < 6; d++) {
        v = v << 4 | hexValue(text.charAt(k + d));
      }
      sb.append((char) v);
    }
    String s = sb.toString();
    return printable(s, true) ? new Decoded(s, end, Evasion.UNICODE_ESCAPE) : null;
  }

  /** Hex first (its alphabet is also base64's), then base64 or base64url. */
  private static @Nullable Decoded decodeRun(
      String text, int from, int end, int padded, int classes) {
    int hexFrom = from;
    if (end - from > 2 && text.charAt(from) == '0' && (text.charAt(from + 1) | 0x20) == 'x') {
      hexFrom = from + 2;
    }
    if (padded == end && allHex(text, hexFrom, end) && ((end - hexFrom) & 1) == 0) {
      Decoded hex = decodeHex(text, hexFrom, end);
      if (hex != null) {
        return new Decoded(hex.text, end, Evasion.HEX);
      }
    }
    boolean std = (classes & STD) != 0 && hasAny(text, from, end, "+/");
    boolean url = hasAny(text, from, end, "-_");
    if (std && url) {
      return null;
    }
    int variety =
        ((classes & UPPER) != 0 ? 1 : 0)
            + ((classes & LOWER) != 0 ? 1 : 0)
            + ((classes & DIGIT) != 0 ? 1 : 0);
    if (variety < 2) {
      return null;
    }
    int length = padded - from;
    boolean hasPadding = padded > end;
    if (hasPadding ? length % 4 != 0 : length % 4 == 1) {
      return null;
    }
    String run = text.subSequence(from, end).toString();
    Base64.Decoder decoder = url ? Base64.getUrlDecoder() : Base64.getDecoder();
    // Probe the first bytes before decoding a long run: binary payloads stop here.
    if (run.length() > PROBE && !mostlyText(decoder.decode(run.substring(0, PROBE)))) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = decoder.decode(pad(run));
    } catch (IllegalArgumentException e) {
      return null; // not base64 after all (bad trailing bits)
    }
    String s = utf8OrNull(bytes, false);
    return s == null ? null : new Decoded(s, padded, url ? Evasion.BASE64URL : Evasion.BASE64);
  }

  private static @Nullable Decoded decodeHex(String text, int from, int end) {
    byte[] bytes = new byte[(end - from) / 2];
    for (int k = 0; k < bytes.length; k++) {
      bytes[k] =
          (byte)
              (hexValue(text.charAt(from + 2 * k)) << 4 | hexValue(text.charAt(from + 2 * k + 1)));
    }
    String s = utf8OrNull(bytes, false);
    return s == null ? null : new Decoded(s, end, Evasion.HEX);
  }

  private static String pad(String run) {
    int r = run.length() % 4;
    return r == 0 ? run : run + "==".substring(0, 4 - r);
  }

  /** Bytes that could be the start of text: printable ASCII, tab, CR, LF or UTF-8 bytes. */
  private static boolean mostlyText(byte[] bytes) {
    for (byte b : bytes) {
      int v = b & 0xFF;
      if (v < 0x20 ? v != '\t' && v != '\n' && v != '\r' : v == 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** Strict UTF-8 decoding of printable text, else null. */
  static @Nullable String utf8OrNull(byte[] bytes, boolean controlsAllowed) {
    String s = StrictUtf8.decode(bytes);
    return s != null && printable(s, controlsAllowed) ? s : null;
  }

  /**
   * Whether {@code s} is text: no U+FFFD, and unless {@code controlsAllowed} (a percent or escape
   * run, where a written {@code %0A} is deliberate) no control characters but tab, CR and LF.
   */
  private static boolean printable(String s, boolean controlsAllowed) {
    if (s.isEmpty()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\uFFFD') {
        return false;
      }
      if (!controlsAllowed
          && (c < 0x20
              ? c != '\t' && c != '\n' && c != '\r'
              : c == 0x7F || (c >= 0x80 && c < 0xA0))) {
        return false;
      }
    }
    return true;
  }

  /** The index of the last {@code /} in {@code [from, end)}, or -1. */
  private static int lastSlash(String text, int from, int end) {
    for (int k = end - 1; k >= from; k--) {
      if (text.charAt(k) == '/') {
        return k;
      }
    }
    return -1;
  }

  private static int classesOf(String text, int from, int end) {
    int classes = 0;
    for (int k = from; k < end; k++) {
      classes |= CLASS[text.charAt(k)];
    }
    return classes;
  }

  private static boolean allHex(String text, int from, int end) {
    for (int k = from; k < end; k++) {
      char c = text.charAt(k);
      if (c >= 128 || (CLASS[c] & HEX) == 0) {
        return false;
      }
    }
    return end - from >= MIN_RUN;
  }

  private static boolean hasAny(String text, int from, int end, String chars) {
    for (int k = from; k < end; k++) {
      if (chars.indexOf(text.charAt(k)) >= 0) {
        return true;
      }
    }
    return false;
  }

  static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    int lower = c | 0x20;
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }

  private static int start(@Nullable MappedText parent, int i) {
    return parent == null ? i : parent.originalStart(i);
  }

  private static int end(@Nullable MappedText parent, int i) {
    return parent == null ? i + 1 : parent.originalEnd(i);
  }
}
