package dev.warden.engine.normalize;

import org.jspecify.annotations.Nullable;

/**
 * Closes up a value typed with a space after every character ({@code 4 1 1 1 1 1 1 1 …}, {@code T R
 * 3 9 6 4 1 9 A}): the spelled-out form people use to get a number past a filter, and that no rule
 * reads, since every rule refuses a value that stops after one character. Only runs of at least
 * {@value #MIN_CHARACTERS} single ASCII letters or digits, each alone between single spaces, with
 * at least {@value #MIN_DIGITS} digits among them, are closed up; spaced-out words are the
 * injection detector's ({@code TextView.unspace}). The derived text is scanned beside the others
 * and a finding there maps back over the spaced run.
 *
 * <p>Cost: text without a digit is passed over 64 characters at a time, by a branch-free check.
 */
final class SpacedValues {
  private SpacedValues() {}

  static final int MIN_CHARACTERS = 7;
  static final int MIN_DIGITS = 5;
  private static final int BLOCK = 64;

  /**
   * {@code text} with its spaced runs closed up, or null when there is none. With {@code
   * digitsOnly}, the letters at either end of a run stay spaced ("card 4 1 1 … 1 a visa": the
   * article is not part of the number), and the result is null unless some run had such letters —
   * then the text closed up whole was already given.
   */
  static @Nullable MappedText joinOrNull(
      String text, @Nullable MappedText parent, boolean digitsOnly) {
    int n = text.length();
    boolean trimmed = false;
    MappedText.Builder b = null;
    int copied = 0;
    char[] block = new char[BLOCK];
    int i = 0;
    while (i < n) {
      if ((i & (BLOCK - 1)) == 0 && i + BLOCK <= n) {
        text.getChars(i, i + BLOCK, block, 0);
        if (!anyDigit(block)) {
          i += BLOCK;
          continue;
        }
      }
      if (!isDigit(text.charAt(i)) || !single(text, i)) {
        i++;
        continue;
      }
      // A single digit: walk back and forth over the single characters around it.
      int first = i;
      while (first - 2 >= 0 && text.charAt(first - 1) == ' ' && single(text, first - 2)) {
        first -= 2;
      }
      int last = i;
      int digits = 0;
      for (int k = first; k <= last; k += 2) {
        digits += isDigit(text.charAt(k)) ? 1 : 0;
      }
      int count = (last - first) / 2 + 1;
      while (last + 2 < n && text.charAt(last + 1) == ' ' && single(text, last + 2)) {
        last += 2;
        count++;
        digits += isDigit(text.charAt(last)) ? 1 : 0;
      }
      int end = last;
      if (digitsOnly) {
        while (!isDigit(text.charAt(first))) {
          first += 2;
          trimmed = true;
        }
        while (!isDigit(text.charAt(last))) {
          last -= 2;
          trimmed = true;
        }
      }
      if (count >= MIN_CHARACTERS && digits >= MIN_DIGITS && first >= copied) {
        if (b == null) {
          b = new MappedText.Builder(parent, text);
        }
        for (int k = first; k < last; k += 2) {
          b.copy(copied, k + 1);
          b.remove(k + 1, k + 2, Evasion.SPACED);
          copied = k + 2;
        }
      }
      i = end + 1;
    }
    if (b == null || (digitsOnly && !trimmed)) {
      return null;
    }
    b.copy(copied, n);
    return b.build();
  }

  /** Whether {@code text[at]} is an ASCII letter or digit standing alone between non-letters. */
  private static boolean single(String text, int at) {
    return isAlnum(text.charAt(at))
        && (at == 0 || !isAlnum(text.charAt(at - 1)))
        && (at + 1 == text.length() || !isAlnum(text.charAt(at + 1)));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean anyDigit(char[] block) {
    int any = 0;
    for (char c : block) {
      any |= (((c - '0') & 0xFFFF) - 10) >>> 31;
    }
    return any != 0;
  }
}
