package dev.warden.engine.normalize;

import org.jspecify.annotations.Nullable;

/**
 * Reads JSON's written-out escapes ({@code \n}, {@code \t}, {@code \"}, …) as the characters they
 * stand for. A request body scanned as text, or a JSON document inside a string leaf (tool-call
 * arguments, a pasted payload), writes a line break as a backslash and a letter, and that letter
 * glues itself to the next word: {@code \npassword: …} reads as {@code npassword}, so every rule
 * and context word that needs a word to start there misses it. In the derived text each escape is
 * the one character it stands for and maps back to both of its characters.
 *
 * <p>{@code \}{@code uXXXX} escapes are left to {@link EncodedRuns}, which decodes them as a run.
 * Cost: one vectorized search for the backslash when there is none.
 */
final class JsonEscapes {
  private JsonEscapes() {}

  /** {@code text} with its JSON escapes read, or null when it has none. */
  static @Nullable MappedText decodeOrNull(String text) {
    int at = text.indexOf('\\');
    MappedText.Builder b = null;
    int copied = 0;
    while (at >= 0 && at + 1 < text.length()) {
      char decoded = decoded(text.charAt(at + 1));
      if (decoded == 0) {
        at = text.indexOf('\\', at + 1);
        continue;
      }
      if (b == null) {
        b = new MappedText.Builder(null, text);
      }
      b.copy(copied, at);
      b.replace(at, at + 2, String.valueOf(decoded), Evasion.JSON_ESCAPE);
      copied = at + 2; // an escaped backslash is one character: "\\n" is a backslash, then "n"
      at = text.indexOf('\\', copied);
    }
    if (b == null) {
      return null;
    }
    b.copy(copied, text.length());
    return b.build();
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
