package dev.warden.engine.normalize;

import org.jspecify.annotations.Nullable;

/**
 * Closes up a value typed with a space or a dash after every character ({@code 4 1 1 1 1 1 1 1 …},
 * {@code T R 3 9 6 4 1 9 A}, {@code 8-8-2-0-2-6-7-4-4}): the spelled-out form people use to get a
 * number or a token past a filter, and that no rule reads, since every rule refuses a value that
 * stops after one character. Only runs of at least {@value #MIN_CHARACTERS} single ASCII letters or
 * digits, each alone between single spacers of one kind, are closed up — with at least {@value
 * #MIN_DIGITS} digits among them, or {@value #MIN_DIGITS_LONG} in a run of {@value #LONG_RUN} or
 * more (a spaced token: {@code g l p a t - 4 D p A V …}). A lone {@code -} or {@code _} between
 * spaced characters is kept ({@code 2 8 1 - 6 6 - 1 0 1 5}), a lone {@code _} between dashed ones
 * ({@code g-h-p-_-a-h-z-…}). Spaced-out words are the injection detector's ({@code
 * TextView.unspace}). The derived text is scanned beside the others and a finding there maps back
 * over the spaced run.
 *
 * <p>Cost: 64 characters at a time are passed over by a branch-free check unless they hold a digit
 * with the same spacer on each side.
 */
final class SpacedValues {
  private SpacedValues() {}

  static final int MIN_CHARACTERS = 7;
  static final int MIN_DIGITS = 5;
  static final int LONG_RUN = 16;
  static final int MIN_DIGITS_LONG = 3;
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
    Joined joined = new Joined(text, parent, digitsOnly);
    char[] block = new char[BLOCK + 2];
    for (int blockStart = 0; blockStart < n; blockStart += BLOCK) {
      // A run of singles with a digit has a digit with a spacer on each side that lies with both
      // spacers inside one block and its neighbours: blocks without such a digit are passed over
      // by a branch-free check, the rest read character by character.
      int from = Math.max(0, blockStart - 1);
      int to = Math.min(n, blockStart + BLOCK + 1);
      text.getChars(from, to, block, 0);
      if (!anyLoneDigit(block, to - from)) {
        continue;
      }
      for (int k = 1; k + 1 < to - from; k++) {
        int seed = from + k;
        char spacer = block[k - 1];
        if (seed >= joined.resume
            && isDigit(block[k])
            && (spacer == ' ' || spacer == '-')
            && block[k + 1] == spacer) {
          joined.walk(seed, spacer);
        }
      }
    }
    return joined.build();
  }

  /** The closed-up text being built, and where the last run walked ended. */
  private static final class Joined {
    private final String text;
    private final @Nullable MappedText parent;
    private final boolean digitsOnly;
    private MappedText.@Nullable Builder builder;
    private int copied;
    private boolean trimmed;
    int resume;

    Joined(String text, @Nullable MappedText parent, boolean digitsOnly) {
      this.text = text;
      this.parent = parent;
      this.digitsOnly = digitsOnly;
    }

    /**
     * Walks the singles around {@code seed}, a lone digit between two {@code spacer}s, and closes
     * them up when they count.
     */
    void walk(int seed, char spacer) {
      int n = text.length();
      int first = seed;
      while (first - 2 >= 0
          && text.charAt(first - 1) == spacer
          && single(text, first - 2, spacer)) {
        first -= 2;
      }
      int last = seed;
      while (last + 2 < n && text.charAt(last + 1) == spacer && single(text, last + 2, spacer)) {
        last += 2;
      }
      resume = last + 1;
      while (!isAlnum(text.charAt(first))) {
        first += 2; // a run neither starts nor ends with a joiner
      }
      while (!isAlnum(text.charAt(last))) {
        last -= 2;
      }
      int digits = 0;
      for (int k = first; k <= last; k += 2) {
        digits += isDigit(text.charAt(k)) ? 1 : 0;
      }
      int characters = (last - first) / 2 + 1;
      if (characters < MIN_CHARACTERS
          || digits < (characters >= LONG_RUN ? MIN_DIGITS_LONG : MIN_DIGITS)
          || first < copied) {
        return;
      }
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
      MappedText.Builder b = builder;
      if (b == null) {
        b = new MappedText.Builder(parent, text);
        builder = b;
      }
      for (int k = first; k < last; k += 2) {
        b.copy(copied, k + 1);
        b.remove(k + 1, k + 2, Evasion.SPACED);
        copied = k + 2;
      }
    }

    @Nullable MappedText build() {
      MappedText.Builder b = builder;
      if (b == null || (digitsOnly && !trimmed)) {
        return null;
      }
      b.copy(copied, text.length());
      return b.build();
    }
  }

  /**
   * Whether {@code text[at]} is an ASCII letter or digit, or a joining {@code _} or (between
   * spaces) {@code -} ({@code 2 8 1 - 6 6 - 1 0 1 5}, {@code g l p a t - 4 D …}), standing alone
   * between non-letters.
   */
  private static boolean single(String text, int at, char spacer) {
    char c = text.charAt(at);
    return (isAlnum(c) || c == '_' || (c == '-' && spacer != '-'))
        && (at == 0 || !isAlnum(text.charAt(at - 1)))
        && (at + 1 == text.length() || !isAlnum(text.charAt(at + 1)));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /**
   * Whether {@code block[1, length - 1)} holds a digit with the same spacer (a space or a dash) on
   * each side; branch-free.
   */
  private static boolean anyLoneDigit(char[] block, int length) {
    int any = 0;
    for (int k = 1; k + 1 < length; k++) {
      char before = block[k - 1];
      int digit = (((block[k] - '0') & 0xFFFF) - 10) >>> 31;
      // ' ' | 0x0D == '-' | 0x0D == 0x2D: one test for both spacers, which also lets six other
      // punctuation characters through to the exact check of the caller.
      int spacer = (((before | 0x0D) ^ 0x2D) - 1) >>> 31;
      int same = ((before ^ block[k + 1]) - 1) >>> 31;
      any |= digit & spacer & same;
    }
    return any != 0;
  }
}
