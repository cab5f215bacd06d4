package dev.warden.engine.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How far before one of its keywords a match of a signal's pattern can start, read off the
 * pattern's source: the detector then tries the pattern only at the few start positions in front of
 * each keyword hit instead of at every position of the clause.
 *
 * <p>Only one shape is read, the one the common English signals have: optional {@code \b}, then
 * either a group of literal alternatives ({@code \b(?:ignore|do not follow|…)}) or a literal run
 * ({@code instead,?}), with no alternation at the pattern's top level. Each alternative must
 * contain one of the keywords; the reach is the largest offset of the first keyword in an
 * alternative. A match begins with one of the alternatives, so the keyword scanner, which reports
 * every occurrence, has a hit at most that far after the match's start. Literals are ASCII letters,
 * digits, spaces, {@code '}, {@code ,}, {@code :} and {@code -}: on those the pattern and the
 * scanner fold case alike except for İ, ı, ſ and the Kelvin sign, texts the detector never anchors.
 */
final class KeywordReach {
  private KeywordReach() {}

  /** The pattern's shape is not the one read here: try it at every position. */
  static final int UNKNOWN = -1;

  /**
   * @return the largest distance from a match's start to the start of a keyword it contains, or
   *     {@link #UNKNOWN}
   */
  static int of(Pattern pattern, List<String> keywords) {
    List<String> alternatives = leadingLiterals(pattern);
    if (alternatives.isEmpty()) {
      return UNKNOWN;
    }
    int reach = 0;
    for (String alternative : alternatives) {
      String lower = alternative.toLowerCase(Locale.ROOT);
      int first = Integer.MAX_VALUE;
      for (String keyword : keywords) {
        int at = lower.indexOf(keyword);
        if (at >= 0) {
          first = Math.min(first, at);
        }
      }
      if (first == Integer.MAX_VALUE) {
        return UNKNOWN; // an alternative without a keyword: no hit bounds where it starts
      }
      reach = Math.max(reach, first);
    }
    return reach;
  }

  /**
   * The literals one of which every match begins with (after {@code \b}), in the shape described
   * above, or in that shape in each alternative of a top-level alternation; empty when the pattern
   * has another shape.
   */
  static List<String> leadingLiterals(Pattern pattern) {
    if ((pattern.flags() & ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)) != 0) {
      return List.of(); // COMMENTS, LITERAL, MULTILINE …: the source reads differently
    }
    List<String> out = new ArrayList<>();
    for (String branch : topLevelBranches(pattern.pattern())) {
      List<String> literals = branchLiterals(branch);
      if (literals.isEmpty()) {
        return List.of();
      }
      out.addAll(literals);
    }
    return List.copyOf(out);
  }

  /** Whether every top-level alternative of the pattern begins with {@code \b}. */
  static boolean startsAtWordBoundary(Pattern pattern) {
    return topLevelBranches(pattern.pattern()).stream().allMatch(b -> b.startsWith("\\b"));
  }

  private static List<String> branchLiterals(String re) {
    int i = 0;
    while (re.startsWith("\\b", i)) {
      i += 2;
    }
    List<String> alternatives;
    if (re.startsWith("(?:", i)) {
      int close = re.indexOf(')', i);
      if (close < 0 || quantifier(re, close + 1)) {
        return List.of(); // an optional or repeated group may be absent from the match
      }
      alternatives = List.of(re.substring(i + 3, close).split("\\|", -1));
    } else {
      int end = i;
      while (end < re.length() && literal(re.charAt(end))) {
        end++;
      }
      if (quantifier(re, end)) {
        end--; // the quantifier takes the last character: "instead,?" begins with "instead"
      }
      alternatives = List.of(re.substring(i, Math.max(i, end)));
    }
    for (String alternative : alternatives) {
      if (alternative.isEmpty() || !alternative.chars().allMatch(c -> literal((char) c))) {
        return List.of();
      }
    }
    return alternatives;
  }

  private static boolean literal(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == ' '
        || c == '\''
        || c == ','
        || c == ':'
        || c == '-';
  }

  private static boolean quantifier(String re, int i) {
    return i < re.length() && "?*+{".indexOf(re.charAt(i)) >= 0;
  }

  /** Whether a {@code |} outside every group and character class splits the whole pattern. */
  static boolean topLevelAlternation(String re) {
    return topLevelBranches(re).size() > 1;
  }

  /** The pattern source cut at each {@code |} outside every group and character class. */
  static List<String> topLevelBranches(String re) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = classEnd(re, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(re.substring(from, i));
        from = i + 1;
      }
    }
    out.add(re.substring(from));
    return out;
  }

  /** The index of the {@code ]} closing the class opened at {@code open}, nested classes too. */
  private static int classEnd(String re, int open) {
    int depth = 1;
    int i = open + 1;
    if (i < re.length() && re.charAt(i) == '^') {
      i++;
    }
    if (i < re.length() && re.charAt(i) == ']') {
      i++; // a ']' right after the opening is a literal
    }
    for (; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return re.length();
  }
}
