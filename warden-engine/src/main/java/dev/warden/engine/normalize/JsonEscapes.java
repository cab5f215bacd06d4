package dev.warden.engine.normalize;

import org.jspecify.annotations.Nullable;

/**
 * Reads JSON's written-out escapes ({@code \n}, {@code \t}, {@code \"}, …) as the characters they
 * stand for. A request body scanned as text, or a JSON document inside a string leaf (tool-call
 * arguments, a pasted payload), writes a line break as a backslash and a letter, and that letter
 * glues itself to the next word: {@code \npassword: …} reads as {@code npassword}, so every rule
 * and context word that needs a word to start there misses it. In the derived text each escape is
 * the one character it stands for and maps back to all of its characters (two, or six for {@code
 * \}{@code uXXXX}).
 *
 * <p>{@code \}{@code xXX} escapes of printable ASCII ({@code \x6e\x74…}: C, Python, shell) are read
 * as well. {@code \}{@code uXXXX} escapes are read here too, one character each: a body serialized
 * with every non-ASCII character escaped (Python's {@code ensure_ascii}, PHP's {@code json_encode})
 * writes the Japanese or Korean word before a value as escapes glued to it ({@code \}{@code
 * u96fb\}{@code u8a71\}{@code uff1a03-5412-7781} is "電話：03-5412-7781"), and only in place, beside
 * the value, do they name it. ({@link EncodedRuns} also decodes such a run on its own, for a value
 * hidden entirely in escapes.) Cost: one vectorized search for the backslash when there is none.
 */
final class JsonEscapes {
  private JsonEscapes() {}

  /** {@code text} with its JSON escapes read, or null when it has none. */
  static @Nullable MappedText decodeOrNull(String text) {
    int at = text.indexOf('\\');
    MappedText.Builder b = null;
    int copied = 0;
    while (at >= 0 && at + 1 < text.length()) {
      char letter = text.charAt(at + 1);
      int unicode = letter == 'u' ? hex4(text, at + 2) : letter == 'x' ? hex2(text, at + 2) : -1;
      char decoded = unicode >= 0 ? (char) unicode : decoded(letter);
      if (decoded == 0) {
        at = text.indexOf('\\', at + 1);
        continue;
      }
      int end = unicode >= 0 ? (letter == 'u' ? at + 6 : at + 4) : at + 2;
      if (b == null) {
        b = new MappedText.Builder(null, text);
      }
      b.copy(copied, at);
      b.replace(
          at,
          end,
          String.valueOf(decoded),
          unicode >= 0 ? Evasion.UNICODE_ESCAPE : Evasion.JSON_ESCAPE);
      copied = end; // an escaped backslash is one character: "\\n" is a backslash, then "n"
      at = text.indexOf('\\', copied);
    }
    if (b == null) {
      return null;
    }
    b.copy(copied, text.length());
    return b.build();
  }

  /** The value of the four hex digits at {@code from}, or -1 (also when the text ends first). */
  private static int hex4(String text, int from) {
    if (from + 4 > text.length()) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < from + 4; i++) {
      int d = EncodedRuns.hexValue(text.charAt(i));
      if (d < 0) {
        return -1; // ASCII hex only: JSON has no other digits
      }
      v = v << 4 | d;
    }
    return v == 0 ? -1 : v; // U+0000 decodes to nothing a rule reads
  }

  /**
   * The printable ASCII character of the two hex digits at {@code from} ({@code \x6e}: a C, Python
   * or shell escape, not JSON's, but written the same way to hide a value), or -1.
   */
  private static int hex2(String text, int from) {
    if (from + 2 > text.length()) {
      return -1;
    }
    int hi = EncodedRuns.hexValue(text.charAt(from));
    int lo = EncodedRuns.hexValue(text.charAt(from + 1));
    int v = hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
    return v >= 0x20 && v < 0x7F ? v : -1;
  }

  /** What the escape {@code \c} stands for, or 0 when JSON has no such one-letter escape. */
  private static char decoded(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'b', 'f' -> ' ';
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      default -> 0;
    };
  }
}
