package dev.warden.engine.detect;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The ASCII characters a match of a rule's pattern can start with, read off the pattern's text, so
 * the detector skips start positions with one array read instead of a regex attempt.
 *
 * <p>Only a pattern of the shape the built-in rules use is understood: no top-level alternation;
 * zero-width groups first (lookbehinds, a non-capturing group of lookbehind alternatives such as
 * {@code (?:(?<![\w.])|(?<=\\[nrt]))}, lookaheads); then either a lookahead or the first consuming
 * element opens with a single atom — an escape ({@code \d}, {@code \+}), a bracket class or a
 * letter or digit — that must occur at least once. That atom, compiled with the pattern's flags,
 * decides each ASCII character. Anything else yields {@code null}: every start stays open. A
 * non-ASCII character is always let through (Unicode case folding can map one onto an ASCII
 * letter), so the gate never refuses a start the pattern could accept.
 */
final class FirstChars {
  private FirstChars() {}

  /**
   * {@code allowed[c]} for ASCII {@code c}: whether a match can start with {@code c}; {@code null}
   * when the pattern's start is not understood.
   */
  static boolean @Nullable [] of(Pattern pattern) {
    String re = pattern.pattern();
    if ((pattern.flags() & (Pattern.LITERAL | Pattern.COMMENTS | Pattern.CANON_EQ)) != 0
        || hasTopLevelBar(re, 0, re.length())) {
      return null;
    }
    int i = 0;
    while (i < re.length()) {
      if (re.startsWith("(?=", i)) {
        int end = groupEnd(re, i);
        if (end < 0) {
          return null;
        }
        if (!hasTopLevelBar(re, i + 3, end - 1)) {
          String atom = leadingAtom(re.substring(i + 3, end - 1));
          if (atom != null) {
            return table(atom, pattern.flags());
          }
        }
        i = end; // zero-width: the next element starts at the same place
      } else if (re.startsWith("(?<!", i) || re.startsWith("(?<=", i)) {
        int end = groupEnd(re, i);
        if (end < 0) {
          return null;
        }
        i = end;
      } else if (re.startsWith("(?:", i) && lookbehindsOnly(re, i)) {
        i = groupEnd(re, i);
      } else {
        String atom = leadingAtom(re.substring(i));
        return atom == null ? null : table(atom, pattern.flags());
      }
    }
    return null;
  }

  private static boolean[] table(String atom, int flags) {
    Pattern p = Pattern.compile(atom, flags);
    boolean[] allowed = new boolean[128];
    for (int c = 0; c < 128; c++) {
      allowed[c] = p.matcher(String.valueOf((char) c)).matches();
    }
    return allowed;
  }

  /** Whether the {@code (?:…)} group at {@code open} holds only lookbehinds joined by {@code |}. */
  private static boolean lookbehindsOnly(String re, int open) {
    int end = groupEnd(re, open);
    if (end < 0) {
      return false;
    }
    int i = open + 3;
    int close = end - 1;
    while (i < close) {
      if (!(re.startsWith("(?<!", i) || re.startsWith("(?<=", i))) {
        return false;
      }
      int e = groupEnd(re, i);
      if (e < 0 || e > close) {
        return false;
      }
      i = e;
      if (i < close) {
        if (re.charAt(i) != '|') {
          return false;
        }
        i++;
      }
    }
    return i == close && close > open + 3;
  }

  /**
   * The first atom of {@code s} when it must match at least once: {@code \d}, an escaped
   * punctuation character, a bracket class without nested brackets, or a letter or digit.
   */
  private static @Nullable String leadingAtom(String s) {
    if (s.isEmpty()) {
      return null;
    }
    int end;
    char c = s.charAt(0);
    if (c == '\\') {
      if (s.length() < 2) {
        return null;
      }
      char e = s.charAt(1);
      if (e != 'd' && Character.isLetterOrDigit(e)) {
        return null; // \w, \s, \p{…}, back references, \Q …: not handled
      }
      end = 2;
    } else if (c == '[') {
      end = classEnd(s, 0);
      if (end < 0 || s.substring(1, end - 1).contains("[") || s.startsWith("[^")) {
        return null;
      }
    } else if (Character.isLetterOrDigit(c) && c < 128) {
      end = 1;
    } else {
      return null;
    }
    if (end < s.length()) {
      char q = s.charAt(end);
      if (q == '?' || q == '*' || q == '|') {
        return null;
      }
      if (q == '{' && (end + 1 >= s.length() || !Character.isDigit(s.charAt(end + 1)))) {
        return null;
      }
      if (q == '{' && s.charAt(end + 1) == '0') {
        int k = end + 1;
        while (k < s.length() && s.charAt(k) == '0') {
          k++;
        }
        if (k < s.length() && !Character.isDigit(s.charAt(k))) {
          return null; // {0}, {0,n}: may match nothing
        }
      }
    }
    return s.substring(0, end);
  }

  /** Index after the bracket class opening at {@code open}, or -1. */
  private static int classEnd(String s, int open) {
    int i = open + 1;
    if (i < s.length() && s.charAt(i) == ']') {
      i++; // a leading ']' is literal
    }
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '[') {
        return -1; // nested class: not handled
      } else if (c == ']') {
        return i + 1;
      } else {
        i++;
      }
    }
    return -1;
  }

  /** Index after the group opening at {@code open}, or -1 when it does not close. */
  private static int groupEnd(String re, int open) {
    int depth = 0;
    int i = open;
    while (i < re.length()) {
      char c = re.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        int e = classEnd(re, i);
        if (e < 0) {
          return -1;
        }
        i = e;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return -1;
  }

  /** Whether {@code re[from, to)} holds a {@code |} outside every group and class. */
  private static boolean hasTopLevelBar(String re, int from, int to) {
    int depth = 0;
    int i = from;
    while (i < to) {
      char c = re.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        int e = classEnd(re, i);
        if (e < 0) {
          return true; // not understood: treat as unknown
        }
        i = e;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        return true;
      }
      i++;
    }
    return false;
  }
}
