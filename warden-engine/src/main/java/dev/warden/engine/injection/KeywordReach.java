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
 * <p>The reach comes from the pattern's {@link #leadingLiterals}: each must contain one of the
 * keywords, and the reach is the largest offset of the first keyword in a literal. A match begins
 * with one of the literals, so the keyword scanner, which reports every occurrence, has a hit at
 * most that far after the match's start. Literals are ASCII letters, digits, spaces, {@code '},
 * {@code ,}, {@code :} and {@code -}: on those the pattern and the scanner fold case alike except
 * for İ, ı, ſ and the Kelvin sign, texts the detector never anchors.
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
   * The literals one of which every match begins with (compared ignoring case), read off the
   * pattern's source; empty when some match may begin with anything. The source is read element by
   * element: literal characters extend the prefixes, a group multiplies them by its alternatives
   * (at most {@value #MAX_LITERALS} in all), {@code ?} after a character or a group adds the
   * prefixes without it, zero-width {@code \b}, {@code ^} and {@code $} are passed over, and
   * anything else (a class, an escape, {@code .}, a repetition, a lookaround) ends the prefixes it
   * follows. Cutting a prefix short is always sound — a match that begins with the longer literal
   * begins with the shorter one — so every construct not read here only shortens the literals.
   */
  static List<String> leadingLiterals(Pattern pattern) {
    if ((pattern.flags() & ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)) != 0) {
      return List.of(); // COMMENTS, LITERAL, MULTILINE …: the source reads differently
    }
    Prefixes prefixes;
    try {
      Reader reader = new Reader(pattern.pattern());
      prefixes = reader.alternation();
      if (reader.at < reader.re.length()) {
        return List.of(); // an unbalanced ')': not a source this reader understands
      }
    } catch (UnreadableSource e) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String literal : prefixes.texts) {
      if (literal.isEmpty()) {
        return List.of(); // some match may begin with anything
      }
      // A match that begins with a longer literal begins with this shorter one too.
      if (out.stream().noneMatch(literal::startsWith)) {
        out.removeIf(longer -> longer.startsWith(literal));
        out.add(literal);
      }
    }
    return List.copyOf(out);
  }

  /** Whether every top-level alternative of the pattern begins with {@code \b}. */
  static boolean startsAtWordBoundary(Pattern pattern) {
    return topLevelBranches(pattern.pattern()).stream().allMatch(b -> b.startsWith("\\b"));
  }

  /** More literal prefixes than this are not worth the comparisons: the prefixes end there. */
  static final int MAX_LITERALS = 64;

  /** Inline flags, {@code \Q} quoting: the source no longer reads as written. */
  private static final class UnreadableSource extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableSource() {
      super(null, null, false, false);
    }
  }

  /**
   * Literal prefixes, each either open (the next element of the source extends it) or closed (an
   * element not read here came next).
   */
  private record Prefixes(List<String> texts, List<Boolean> open) {
    static Prefixes of(String text, boolean open) {
      return new Prefixes(List.of(text), List.of(open));
    }

    Prefixes closed() {
      return new Prefixes(texts, java.util.Collections.nCopies(texts.size(), false));
    }

    boolean anyOpen() {
      return open.contains(true);
    }

    Prefixes or(Prefixes other) {
      List<String> t = new ArrayList<>(texts);
      t.addAll(other.texts);
      List<Boolean> o = new ArrayList<>(open);
      o.addAll(other.open);
      return new Prefixes(t, o);
    }

    /** Each open prefix followed by each of {@code next}; closed ones as they are. */
    Prefixes then(Prefixes next) {
      List<String> t = new ArrayList<>();
      List<Boolean> o = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        if (!open.get(i)) {
          t.add(texts.get(i));
          o.add(false);
          continue;
        }
        for (int j = 0; j < next.texts.size(); j++) {
          t.add(texts.get(i) + next.texts.get(j));
          o.add(next.open.get(j));
        }
      }
      return t.size() > MAX_LITERALS ? closed() : new Prefixes(t, o);
    }
  }

  /** A recursive reading of a pattern source's leading elements. */
  private static final class Reader {
    final String re;
    int at;

    Reader(String re) {
      this.re = re;
    }

    /** Alternatives up to the end or the {@code )} closing the group being read. */
    Prefixes alternation() throws UnreadableSource {
      Prefixes all = sequence();
      while (at < re.length() && re.charAt(at) == '|') {
        at++;
        all = all.or(sequence());
      }
      return all;
    }

    private Prefixes sequence() throws UnreadableSource {
      Prefixes prefixes = Prefixes.of("", true);
      while (at < re.length() && re.charAt(at) != '|' && re.charAt(at) != ')') {
        Prefixes element = element();
        prefixes = prefixes.anyOpen() ? prefixes.then(element) : prefixes;
      }
      return prefixes;
    }

    /** One element and its quantifier, as the prefixes it may add. */
    private Prefixes element() throws UnreadableSource {
      char c = re.charAt(at);
      Prefixes element;
      if (c == '(') {
        element = group();
      } else if (c == '\\') {
        if (at + 1 >= re.length()) {
          throw new UnreadableSource();
        }
        char escaped = re.charAt(at + 1);
        if (escaped == 'Q') {
          throw new UnreadableSource();
        }
        at += 2;
        if (escaped == 'p' || escaped == 'P' || escaped == 'x' || escaped == 'N') {
          skipBraces();
        }
        element = escaped == 'b' || escaped == 'B' ? Prefixes.of("", true) : Prefixes.of("", false);
      } else if (c == '[') {
        at = classEnd(re, at) + 1;
        element = Prefixes.of("", false);
      } else if (c == '^' || c == '$') {
        at++;
        element = Prefixes.of("", true);
      } else {
        at++;
        element = literal(c) ? Prefixes.of(String.valueOf(c), true) : Prefixes.of("", false);
      }
      return quantified(element);
    }

    private Prefixes group() throws UnreadableSource {
      at++; // '('
      boolean zeroWidth = false; // or otherwise not read: the prefixes end at the group
      if (re.startsWith("?", at)) {
        if (re.startsWith("?:", at)) {
          at += 2;
        } else if (re.startsWith("?=", at) || re.startsWith("?!", at)) {
          at += 2;
          zeroWidth = true;
        } else if (re.startsWith("?<=", at) || re.startsWith("?<!", at)) {
          at += 3;
          zeroWidth = true;
        } else if (re.startsWith("?>", at)) {
          at += 2; // atomic: matches a subset of what the group as written matches
        } else if (re.startsWith("?<", at)) {
          int close = re.indexOf('>', at);
          if (close < 0) {
            throw new UnreadableSource();
          }
          at = close + 1; // a named group
        } else {
          // Inline flags. Scoped ones ("(?-i:[A-Z])") end the prefixes, as any group not read
          // here does; unscoped ones, or comments mode, change how the rest of the source reads.
          int colon = at + 1;
          while (colon < re.length() && Character.isLetter(re.charAt(colon))
              || colon < re.length() && re.charAt(colon) == '-') {
            colon++;
          }
          String flags = re.substring(at + 1, colon);
          if (colon >= re.length() || re.charAt(colon) != ':' || flags.indexOf('x') >= 0) {
            throw new UnreadableSource();
          }
          at = colon + 1;
          zeroWidth = true;
        }
      }
      Prefixes inside = alternation();
      if (at >= re.length() || re.charAt(at) != ')') {
        throw new UnreadableSource();
      }
      at++;
      return zeroWidth ? Prefixes.of("", false) : inside; // a lookaround or a flag group ends here
    }

    private Prefixes quantified(Prefixes element) {
      if (at >= re.length()) {
        return element;
      }
      char q = re.charAt(at);
      Prefixes out;
      if (q == '?') {
        at++;
        out = element.or(Prefixes.of("", true));
      } else if (q == '*') {
        at++;
        out = Prefixes.of("", false);
      } else if (q == '+') {
        at++;
        out = element.closed();
      } else if (q == '{') {
        skipBraces();
        out = Prefixes.of("", false);
      } else {
        return element;
      }
      if (at < re.length() && (re.charAt(at) == '?' || re.charAt(at) == '+')) {
        at++; // lazy or possessive: the same characters, matched differently
      }
      return out;
    }

    private void skipBraces() {
      if (at < re.length() && re.charAt(at) == '{') {
        int close = re.indexOf('}', at);
        at = close < 0 ? re.length() : close + 1;
      }
    }
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
