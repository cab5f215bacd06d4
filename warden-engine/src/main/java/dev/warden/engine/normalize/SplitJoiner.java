package dev.warden.engine.normalize;

import org.jspecify.annotations.Nullable;

/**
 * Re-joins a value split over lines: a line break — real ({@code \n}, {@code \r\n}) or written out
 * as an escape ({@code \n}, {@code \r\n} as two characters each, as in a JSON string inside raw
 * text) — plus the indentation after it, between two runs of token characters ({@code
 * A-Za-z0-9+/=_-}) of at least {@value #MIN_BEFORE} characters before and {@value #MIN_AFTER}
 * after; or of at least {@value #MIN_SHORT} on each side when neither run reads as a word (each
 * holds a digit, one of {@code +/=_}, or a capital after its first letter: {@code AKIAQYLPMN} /
 * {@code 5HFIQR7XYA}, a 20-character key split in half). Shorter halves, and word halves shorter
 * than the long bounds ({@code settings} / {@code configuration}), are ordinary line ends and stay
 * apart, as does a run of digits grouped by {@code -} on either side (a phone number or a date that
 * ends its line); a value split finer than that is not re-joined. A card number or an IBAN written
 * in groups of four and broken between two groups is joined with a space ({@link
 * #groupedNumberSplit}).
 */
final class SplitJoiner {
  /** Token characters the line before a split must end with. */
  static final int MIN_BEFORE = 12;

  /** Token characters the line after a split must start with. */
  static final int MIN_AFTER = 8;

  /** Token characters on each side of a split whose two runs both look like parts of a value. */
  static final int MIN_SHORT = 6;

  private SplitJoiner() {}

  /** {@code text} with its split values joined, or null when there is none. */
  static @Nullable MappedText joinOrNull(
      String text, @Nullable MappedText parent, Coverage covered) {
    int n = text.length();
    MappedText.Builder b = null;
    int copied = 0;
    // Jump between line feeds and backslashes (indexOf is vectorized): prose has few of either.
    int lf = text.indexOf('\n');
    int bs = text.indexOf('\\');
    int i = 0;
    while (true) {
      if (lf >= 0 && lf < i) {
        lf = text.indexOf('\n', i);
      }
      if (bs >= 0 && bs < i) {
        bs = text.indexOf('\\', i);
      }
      int at = lf < 0 ? bs : bs < 0 ? lf : Math.min(lf, bs);
      if (at < 0) {
        break;
      }
      int breakStart = at;
      int breakEnd;
      if (at == lf) {
        breakEnd = at + 1;
        if (at > copied && text.charAt(at - 1) == '\r') {
          breakStart = at - 1;
        }
      } else {
        breakEnd = escaped(text, at) ? -1 : escapedBreakEnd(text, at);
        if (breakEnd < 0) {
          i = at + 1;
          continue;
        }
      }
      int after = breakEnd;
      while (after < n && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
        after++;
      }
      boolean joined = splitValue(text, breakStart, after);
      boolean grouped = !joined && at == lf && groupedNumberSplit(text, breakStart, after);
      if ((joined || grouped)
          && !covered.covers(start(parent, breakStart), end(parent, after - 1))) {
        if (b == null) {
          b = new MappedText.Builder(parent, text);
        }
        b.copy(copied, breakStart);
        if (joined) {
          b.remove(breakStart, after, Evasion.SPLIT);
        } else {
          b.replace(breakStart, after, " ", Evasion.SPLIT);
        }
        copied = after;
      }
      i = after;
    }
    if (b == null) {
      return null;
    }
    b.copy(copied, n);
    return b.build();
  }

  /**
   * A card number or an IBAN written in groups of four and broken between two groups, under a word
   * that names one: the line before ends with at least two groups of four ({@code 4375 2711},
   * {@code DE49 6871 6128}, {@code NL91 ABNA}), the line after holds nothing but one to four groups
   * of digits, a lone group having four ({@code 3253 6703}, {@code 5273 7577 64}), and a card or
   * account word ({@link #NUMBER_WORDS}) stands within {@value #WORD_REACH} characters before the
   * number. Joined with a space, so the number reads as written on one line. A table of four-digit
   * readings has the shape too, which is why the word is required.
   */
  private static boolean groupedNumberSplit(String text, int breakStart, int after) {
    int groups = 0;
    int first = breakStart; // where the earliest group read so far starts
    while (first >= 4 && groups < 6 && groupOfFour(text, first - 4, first)) {
      groups++;
      first -= 4;
      if (first < 5 || text.charAt(first - 1) != ' ' || !groupOfFour(text, first - 5, first - 1)) {
        break;
      }
      first--;
    }
    if (groups < 2) {
      return false;
    }
    if (first > 0) {
      char c = text.charAt(first - 1);
      if (!Character.isWhitespace(c) && c != ':' && c != '：') {
        return false;
      }
    }
    int n = text.length();
    int afterGroups = 0;
    int p = after;
    while (p < n && afterGroups < 5) {
      int digits = 0;
      while (p < n && digits < 5 && text.charAt(p) >= '0' && text.charAt(p) <= '9') {
        p++;
        digits++;
      }
      if (digits == 0 || digits > 4) {
        return false;
      }
      afterGroups++;
      if (p < n && text.charAt(p) == ' ' && p + 1 < n && Character.isDigit(text.charAt(p + 1))) {
        p++;
        continue;
      }
      break;
    }
    boolean lineEnds = p == n || text.charAt(p) == '\n' || text.charAt(p) == '\r';
    return lineEnds
        && afterGroups <= 4
        && (afterGroups > 1 || p - after == 4)
        // up to the break: a word of capitals ("IBAN") reads as one more group of four
        && namesANumber(text, Math.max(0, first - WORD_REACH), breakStart);
  }

  /** How far before a broken number its card or account word may stand. */
  static final int WORD_REACH = 48;

  /** Words that name a card or an account number (lower case; CJK as written). */
  private static final String[] NUMBER_WORDS = {
    "card", "karte", "visa", "master", "amex", "iban", "konto", "account", "카드", "계좌", "カード", "口座"
  };

  private static boolean namesANumber(String text, int from, int to) {
    String window = text.substring(from, to).toLowerCase(java.util.Locale.ROOT);
    for (String word : NUMBER_WORDS) {
      if (window.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Four digits or capitals (an IBAN's groups hold a bank code's letters). */
  private static boolean groupOfFour(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }

  /** End of a written-out {@code \n} or {@code \r\n} starting at {@code i}, or -1. */
  private static int escapedBreakEnd(String text, int i) {
    int n = text.length();
    if (i + 1 < n && text.charAt(i + 1) == 'n') {
      return i + 2;
    }
    if (i + 3 < n
        && text.charAt(i + 1) == 'r'
        && text.charAt(i + 2) == '\\'
        && text.charAt(i + 3) == 'n') {
      return i + 4;
    }
    return -1;
  }

  /** Whether the backslash at {@code i} is itself escaped (an odd run of backslashes before it). */
  private static boolean escaped(String text, int i) {
    int k = i - 1;
    while (k >= 0 && text.charAt(k) == '\\') {
      k--;
    }
    return ((i - 1 - k) & 1) == 1;
  }

  /** Whether the token runs ending at {@code breakStart} and starting at {@code after} join. */
  private static boolean splitValue(String text, int breakStart, int after) {
    if (startsAKey(text, after) || text.startsWith("--", after)) {
      // A key of its own, or a MIME boundary, a PEM armour line or a YAML document marker after a
      // base64 body: none continues the run above.
      return false;
    }
    int before = tokenRunBefore(text, breakStart);
    int next = tokenRunAfter(text, after);
    boolean numberBefore = digitsAndDashes(text, breakStart - before, breakStart);
    boolean numberAfter = digitsAndDashes(text, after, after + next);
    if (numberBefore != numberAfter
        && (numberBefore
            ? holdsDash(text, breakStart - before, breakStart)
            : holdsDash(text, after, after + next))) {
      // A number grouped by '-' ends its line; two such runs may be one number split in its
      // groups (a card split as 4111-1111-⏎1111-1111 joins).
      return false;
    }
    if (before >= MIN_BEFORE && next >= MIN_AFTER) {
      return true;
    }
    return before >= MIN_SHORT
        && next >= MIN_SHORT
        && !wordLike(text, breakStart - before, breakStart)
        && !wordLike(text, after, after + next);
  }

  /**
   * Only digits and {@code -} in {@code [from, to)}: with a dash, digits in groups ({@code
   * 045-449-0737}, {@code 2026-11-24}) — a phone number, a date or an id complete on its own line,
   * which a line break ends; a random token does not group its digits so ("FAX 045-449-0737⏎
   * yasuhiro.aoki@…" is two values).
   */
  private static boolean digitsAndDashes(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c != '-' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static boolean holdsDash(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      if (text.charAt(k) == '-') {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the line after the break opens with a key of its own — {@code secret-key: …} in YAML,
   * {@code SECRET_KEY=…} in a {@code .env} file — rather than continuing the value above: its run
   * of token characters is followed by {@code :}, or holds an {@code =} with more characters after
   * it (base64 padding only ever ends a run).
   */
  private static boolean startsAKey(String text, int start) {
    int limit = Math.min(text.length(), start + MAX_KEY);
    for (int k = start; k < limit; k++) {
      char c = text.charAt(k);
      if (c == ':') {
        return k > start && readsAsAName(text, start, k);
      }
      if (c == '=') {
        return k > start
            && k + 1 < text.length()
            && text.charAt(k + 1) != '='
            && isToken(text.charAt(k + 1))
            && readsAsAName(text, start, k);
      }
      if (!isToken(c)) {
        return false;
      }
    }
    return false;
  }

  /**
   * A key as people name them — {@code secret-key}, {@code AWS_REGION}, {@code apiVersion} — not
   * the tail of a random token ({@code 8B4a9cD2eF1g}, which holds digits as nearly every random run
   * of twelve characters does): no digit.
   */
  private static boolean readsAsAName(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      if (c >= '0' && c <= '9') {
        return false;
      }
    }
    return true;
  }

  /** Longest key {@link #startsAKey} looks for. */
  private static final int MAX_KEY = 64;

  /**
   * Whether {@code text[from, to)} could be (part of) a word: letters only, none upper case after
   * the first. Keys and encodings almost always hold a digit, a symbol or an inner capital.
   */
  private static boolean wordLike(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = text.charAt(k);
      boolean lower = c >= 'a' && c <= 'z';
      boolean upper = c >= 'A' && c <= 'Z';
      if (!lower && !(upper && k == from)) {
        return false;
      }
    }
    return true;
  }

  private static int tokenRunBefore(String text, int end) {
    int k = end - 1;
    while (k >= 0 && end - k <= MIN_BEFORE && isToken(text.charAt(k))) {
      k--;
    }
    return end - 1 - k;
  }

  private static int tokenRunAfter(String text, int start) {
    int k = start;
    while (k < text.length() && k - start < MIN_AFTER && isToken(text.charAt(k))) {
      k++;
    }
    return k - start;
  }

  static boolean isToken(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '='
        || c == '_'
        || c == '-';
  }

  private static int start(@Nullable MappedText parent, int i) {
    return parent == null ? i : parent.originalStart(i);
  }

  private static int end(@Nullable MappedText parent, int i) {
    return parent == null ? i + 1 : parent.originalEnd(i);
  }
}
