package dev.warden.engine.normalize;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Joins a value written as string literals concatenated in code — {@code "sk_live_" + "Nqh…" +
 * "Lca…"}, or an array of chunks joined at run time ({@code "".join(["ghp_Flq", "pHZT…"])}, {@code
 * [...].join("")}) — the way a key is split "so the scanner stops complaining". No rule reads a
 * value cut by quotes and operators. The derived text has the joints (closing quote, operator,
 * opening quote) removed; a finding there maps back over the literals it spans.
 *
 * <p>Only literals of one quote character joined by {@code +}, or — inside an array of string
 * literals alone with {@code join} just before or after it — by commas. Cost: a vectorized search
 * for {@code +} and one for {@code [}. (PHP's {@code 'AKIA' . 'JNUN…'} is not read: a search for a
 * spaced dot costs every text a pass over its spaces.)
 */
final class Concatenations {
  private Concatenations() {}

  /** How far whitespace may separate a quote from the operator (an indented continuation line). */
  private static final int MAX_GAP = 40;

  /** Longest literal of an array that is read as a chunk. */
  private static final int MAX_CHUNK = 256;

  /** How far from the array {@code join} is looked for. */
  private static final int JOIN_AFTER = 160;

  private static final int JOIN_BEFORE = 40;

  /** {@code text} with its literal joints removed, or null when there is none. */
  static @Nullable MappedText joinOrNull(String text, @Nullable MappedText parent) {
    int plus = text.indexOf('+');
    int bracket = text.indexOf('[');
    if (plus < 0 && bracket < 0) {
      return null;
    }
    List<int[]> joints = new ArrayList<>();
    for (int p = plus; p >= 0; p = text.indexOf('+', p + 1)) {
      addJoint(text, p, p + 1, joints);
    }
    for (int p = bracket; p >= 0; p = text.indexOf('[', p + 1)) {
      p = addArray(text, p, joints);
    }
    if (joints.isEmpty()) {
      return null;
    }
    joints.sort((x, y) -> Integer.compare(x[0], y[0]));
    MappedText.Builder b = new MappedText.Builder(parent, text);
    int copied = 0;
    for (int[] joint : joints) {
      if (joint[0] < copied) {
        continue; // one joint found twice (a "+" inside an array)
      }
      b.copy(copied, joint[0]);
      b.remove(joint[0], joint[1], Evasion.CONCATENATION);
      copied = joint[1];
    }
    b.copy(copied, text.length());
    return b.build();
  }

  /**
   * Adds the joint around the operator at {@code [from, to)} when a closing quote stands before it
   * and the same quote opens a literal after it, only whitespace between.
   */
  private static void addJoint(String text, int from, int to, List<int[]> joints) {
    int close = from - 1;
    while (close >= 0 && from - close <= MAX_GAP && isSpace(text.charAt(close))) {
      close--;
    }
    int open = to;
    while (open < text.length() && open - to < MAX_GAP && isSpace(text.charAt(open))) {
      open++;
    }
    if (close < 1 || open >= text.length() || (from > 0 && text.charAt(from - 1) == '\n')) {
      return; // a '+' that opens its line is a unified diff's added line, not an operator
    }
    char quote = text.charAt(close);
    if ((quote == '"' || quote == '\'')
        && text.charAt(open) == quote
        && text.charAt(close - 1) != '\\'
        && text.charAt(close - 1) != quote) { // "" + "x": an empty literal joins nothing
      joints.add(new int[] {close, open + 1});
    }
  }

  /**
   * Adds the joints of the array of string literals opening at {@code open} when {@code join}
   * stands next to it; returns where to look for the next array.
   */
  private static int addArray(String text, int open, List<int[]> joints) {
    int n = text.length();
    int i = skipSpace(text, open + 1);
    if (i >= n || (text.charAt(i) != '"' && text.charAt(i) != '\'')) {
      return open;
    }
    char quote = text.charAt(i);
    List<int[]> found = new ArrayList<>();
    while (true) {
      int close = closingQuote(text, i, quote);
      if (close < 0) {
        return open;
      }
      int next = skipSpace(text, close + 1);
      if (next < n && text.charAt(next) == ']') {
        if (!found.isEmpty() && joinNear(text, open, next)) {
          joints.addAll(found);
          return next;
        }
        return open;
      }
      if (next >= n || text.charAt(next) != ',') {
        return open;
      }
      int literal = skipSpace(text, next + 1);
      if (literal >= n || text.charAt(literal) != quote) {
        return open;
      }
      found.add(new int[] {close, literal + 1});
      i = literal;
    }
  }

  /**
   * The quote closing the literal opened at {@code open}, within {@value #MAX_CHUNK} characters and
   * on the same line; -1 otherwise.
   */
  private static int closingQuote(String text, int open, char quote) {
    int limit = Math.min(text.length(), open + 2 + MAX_CHUNK);
    for (int k = open + 1; k < limit; k++) {
      char c = text.charAt(k);
      if (c == quote) {
        return k;
      }
      if (c == '\n' || c == '\\') {
        return -1; // a line break, or an escape the chunk would need read
      }
    }
    return -1;
  }

  private static boolean joinNear(String text, int open, int close) {
    return holds(text, Math.max(0, open - JOIN_BEFORE), open, "join")
        || holds(text, close, Math.min(text.length(), close + JOIN_AFTER), "join");
  }

  /** Whether {@code word} occurs in {@code text[from, to)}: a bounded search. */
  private static boolean holds(String text, int from, int to, String word) {
    for (int k = from; k + word.length() <= to; k++) {
      if (text.startsWith(word, k)) {
        return true;
      }
    }
    return false;
  }

  private static int skipSpace(String text, int i) {
    int n = text.length();
    int start = i;
    while (i < n && i - start < MAX_GAP && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
