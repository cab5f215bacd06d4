package dev.warden.engine.injection;

import dev.warden.api.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A text derived from the scanned text (folded, de-leeted, de-spaced, ROT13-decoded,
 * base64-decoded) that remembers where each of its characters came from, so a finding in the view
 * maps back to a span of the original.
 *
 * <p>Every transform here is linear and allocates at most one copy of the text; each returns {@code
 * null} when it would change nothing, so ordinary text never pays for a copy.
 */
final class TextView {
  final String text;

  /** Name used in explanations ({@code view:leet}); empty for the text as given. */
  final String name;

  /** Original start and end (exclusive) of each character; {@code null} means the identity. */
  private final int @Nullable [] starts;

  private final int @Nullable [] ends;

  /**
   * The {@code [start, end)} pairs, ascending, of this view's characters that its rewrite produced
   * — the tokens of {@link #unleet} (a same-length rewrite), the joined runs of {@link #unspace} —
   * outside which the view reads as the text it was made from; {@code null} when unknown.
   */
  final int @Nullable [] rewritten;

  private TextView(String text, String name, int @Nullable [] starts, int @Nullable [] ends) {
    this(text, name, starts, ends, null);
  }

  private TextView(
      String text,
      String name,
      int @Nullable [] starts,
      int @Nullable [] ends,
      int @Nullable [] rewritten) {
    this.text = text;
    this.name = name;
    this.starts = starts;
    this.ends = ends;
    this.rewritten = rewritten;
  }

  static TextView of(String text) {
    return new TextView(text, "", null, null);
  }

  /** The original span of view characters {@code [start, end)}. */
  Span toOriginal(int start, int end) {
    if (starts == null || ends == null) {
      return new Span(start, end);
    }
    if (text.isEmpty()) {
      return new Span(0, 0);
    }
    int s = starts[Math.min(start, text.length() - 1)];
    int e = end > start ? ends[end - 1] : s;
    return new Span(s, Math.max(s, e));
  }

  /** A same-length rewrite of this view: every character keeps its origin. */
  private TextView sameLength(char[] chars, String newName) {
    return new TextView(new String(chars), newName, starts, ends);
  }

  /** {@link #shape} flags: which derived views could differ from the text. */
  static final int FOLD = 1;

  static final int LEET = 2;
  static final int SPACED = 4;
  static final int BASE64 = 8;

  /**
   * One pass over {@code text} that tells which views are worth building: characters to fold, a
   * token mixing letters and leet digits that could be leetspeak, {@value #MIN_SPACED_LETTERS}
   * single-letter tokens in a row, a base64-alphabet run of {@value #MIN_BASE64} or more. Each flag
   * is a superset of what the matching transform acts on, so skipping a view whose flag is clear
   * never loses a finding.
   */
  static int shape(String text) {
    byte[] classes = CLASSES;
    int flags = 0;
    int tokenLength = 0;
    int tokenLetters = 0;
    int tokenLeet = 0;
    int tokenLatin = 0; // leetspeak disguises Latin words; "3층", "第3" are not leet
    boolean tokenJoined = false; // the token continues a leet token (a non-ASCII digit before it)
    int previous = 0;
    int singles = 0;
    int base64 = 0;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      int k = classes[c];
      flags |= k & C_FOLDS; // C_FOLDS == FOLD
      if ((k & C_SHAPE_TOKEN) != 0) {
        boolean letter = (k & C_LETTER) != 0;
        if (tokenLength == 0) {
          tokenJoined = (previous & C_LEET_TOKEN) != 0;
        }
        tokenLength++;
        tokenLetters += letter ? 1 : 0;
        tokenLatin += letter && c < 0x80 ? 1 : 0;
        tokenLeet += (k & C_LEET_LETTER) != 0 ? 1 : 0;
      } else {
        if (tokenLatin > 0
            && tokenLeet > 0
            && (tokenJoined
                || (k & C_LEET_TOKEN) != 0
                || !notLeetspeak(text, i - tokenLength, i))) {
          // A token that leetTokens() reads whole gets its verdict here, so prose whose only such
          // tokens are e-mail addresses and long identifiers skips that pass.
          flags |= LEET;
        }
        if (tokenLength == 1 && tokenLetters == 1) {
          if (++singles >= MIN_SPACED_LETTERS) {
            flags |= SPACED;
          }
        } else if (tokenLength > 0 || (k & C_SEPARATOR) == 0) {
          singles = 0;
        }
        tokenLength = 0;
        tokenLetters = 0;
        tokenLeet = 0;
        tokenLatin = 0;
      }
      previous = k;
      if (i < n && (k & C_BASE64) != 0) {
        base64++;
      } else {
        if (base64 >= MIN_BASE64) {
          flags |= BASE64;
        }
        base64 = 0;
      }
    }
    return flags;
  }

  // Per-character classes for the linear passes ({@link #shape}, {@link #unleet}): one table read
  // instead of a chain of comparisons, a string search for confusables and a Unicode property
  // lookup per character.
  private static final int C_FOLDS = FOLD; // invisible, full-width or confusable (non-ASCII)
  private static final int C_LETTER = 2; // Character.isLetter
  private static final int C_LEET_TOKEN = 4; // leetToken
  private static final int C_LEET_LETTER = 8; // leetLetter != 0
  private static final int C_SEPARATOR = 16; // separator
  private static final int C_BASE64 = 32; // base64Char
  private static final int C_SHAPE_TOKEN = 64; // a letter, an ASCII digit, '@' or '$'
  private static final byte[] CLASSES = classes();

  private static byte[] classes() {
    byte[] out = new byte[Character.MAX_VALUE + 1];
    for (int i = 0; i <= Character.MAX_VALUE; i++) {
      char c = (char) i;
      int k = 0;
      if (c >= 0x80 && (invisible(c) || fullWidth(c) || confusable(c) != 0)) {
        k |= C_FOLDS;
      }
      boolean letter = Character.isLetter(c);
      k |= letter ? C_LETTER : 0;
      k |= leetTokenSlow(c) ? C_LEET_TOKEN : 0;
      k |= leetLetter(c) != 0 ? C_LEET_LETTER : 0;
      k |= separator(c) ? C_SEPARATOR : 0;
      k |= base64Char(c) ? C_BASE64 : 0;
      k |= letter || (c >= '0' && c <= '9') || c == '@' || c == '$' ? C_SHAPE_TOKEN : 0;
      out[i] = (byte) k;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Fold: zero-width characters, full-width ASCII, Cyrillic/Greek look-alikes inside Latin words.

  /** The text with invisible characters dropped and look-alikes folded; {@code null} if none. */
  static @Nullable TextView fold(String text) {
    boolean any = false;
    for (int i = 0; i < text.length() && !any; i++) {
      char c = text.charAt(i);
      any = c >= 0x80 && (invisible(c) || fullWidth(c) || confusable(c) != 0);
    }
    if (!any) {
      return null;
    }
    Builder b = new Builder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (invisible(c)) {
        continue;
      }
      if (fullWidth(c)) {
        b.add(c == '\u3000' ? ' ' : (char) (c - 0xFEE0), i, i + 1);
        continue;
      }
      char folded = confusable(c);
      if (folded != 0 && (asciiLetterAt(text, i - 1) || asciiLetterAt(text, i + 1))) {
        b.add(folded, i, i + 1);
        continue;
      }
      b.add(c, i, i + 1);
    }
    return b.build("fold");
  }

  private static boolean invisible(char c) {
    return (c >= '\u200B' && c <= '\u200F')
        || (c >= '\u2060' && c <= '\u2064')
        || c == '\uFEFF'
        || c == '\u00AD'
        || c == '\u180E'
        || c == '\u034F';
  }

  private static boolean fullWidth(char c) {
    return (c >= '\uFF01' && c <= '\uFF5E') || c == '\u3000';
  }

  private static final String CONFUSABLE_FROM =
      "\u0430\u0435\u043E\u0440\u0441\u0443\u0445\u0456\u0455\u0458\u0501\u0261\u03BF\u03B1\u03B5"
          + "\u03B9\u03BD\u0410\u0415\u041E\u0420\u0421\u0422\u0425\u041D\u041A\u041C\u0412\u0406"
          + "\u0399\u039F\u0391\u0395";
  private static final String CONFUSABLE_TO = "aeopcyxisjdgoaeivAEOPCTXHKMBIIOAE";

  private static char confusable(char c) {
    int i = CONFUSABLE_FROM.indexOf(c);
    return i < 0 ? 0 : CONFUSABLE_TO.charAt(i);
  }

  private static boolean asciiLetterAt(String text, int i) {
    if (i < 0 || i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  // ---------------------------------------------------------------------------------------------
  // Leetspeak: digits and symbols standing for letters inside words ("1gn0r3 4ll pr3v10us").

  /** Leet characters read as letters inside tokens that also hold letters; {@code null} if none. */
  @Nullable TextView unleet() {
    int[] tokens = leetTokens();
    return tokens == null ? null : unleet(tokens);
  }

  /** {@link #unleet()} with its {@link #leetTokens()} already found. */
  TextView unleet(int[] tokens) {
    char[] out = text.toCharArray();
    rewriteLeet(tokens, out, 0);
    return new TextView(new String(out), "leet", starts, ends, tokens);
  }

  /**
   * The characters {@code [from, to)} of {@link #unleet()}'s text, without building the rest of it.
   */
  String leetText(int[] tokens, int from, int to) {
    char[] out = new char[to - from];
    text.getChars(from, to, out, 0);
    rewriteLeet(tokens, out, from);
    return new String(out);
  }

  /**
   * Rewrites the leet characters of every token in {@code out}, which holds text from {@code at}.
   */
  private static void rewriteLeet(int[] tokens, char[] out, int at) {
    for (int t = 0; t < tokens.length; t += 2) {
      int from = Math.max(tokens[t], at);
      int to = Math.min(tokens[t + 1], at + out.length);
      for (int k = from; k < to; k++) {
        char l = leetLetter(out[k - at]);
        if (l != 0) {
          out[k - at] = l;
        }
      }
    }
  }

  /**
   * The {@code [start, end)} pairs, ascending, of the tokens {@link #unleet()} rewrites: runs of
   * letters, digits, {@code @} and {@code $} holding both a letter and a leet character; {@code
   * null} if none.
   */
  int @Nullable [] leetTokens() {
    byte[] classes = CLASSES;
    int[] tokens = null;
    int tokenCount = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      if ((classes[text.charAt(i)] & C_LEET_TOKEN) == 0) {
        i++;
        continue;
      }
      int start = i;
      int seen = 0;
      int kind;
      while (i < n && ((kind = classes[text.charAt(i)]) & C_LEET_TOKEN) != 0) {
        seen |= kind;
        i++;
      }
      if ((seen & C_LETTER) != 0 && (seen & C_LEET_LETTER) != 0 && !notLeetspeak(start, i)) {
        if (tokens == null) {
          tokens = new int[16];
        } else if (tokenCount + 2 > tokens.length) {
          tokens = Arrays.copyOf(tokens, tokens.length * 2);
        }
        tokens[tokenCount++] = start;
        tokens[tokenCount++] = i;
      }
    }
    return tokens == null ? null : Arrays.copyOf(tokens, tokenCount);
  }

  /** Longer than any word written in leetspeak: an identifier, a key or an encoded value. */
  private static final int MAX_LEET_WORD = 16;

  /**
   * Whether the token {@code [start, end)} mixes letters and leet characters without being
   * leetspeak: the local part and first domain label of an e-mail address ({@code bob@mail} of
   * {@code bob@mail.example}) or a token longer than {@value #MAX_LEET_WORD} characters (an {@code
   * AKIA…} key id, a hex digest). Read as leetspeak, they lent every clause they stand in the leet
   * view's boost.
   */
  private boolean notLeetspeak(int start, int end) {
    return notLeetspeak(text, start, end);
  }

  private static boolean notLeetspeak(String text, int start, int end) {
    if (end - start > MAX_LEET_WORD) {
      return true;
    }
    int at = text.indexOf('@', start, end);
    return at > start
        && at < end - 1
        && text.indexOf('@', at + 1, end) < 0
        && end + 1 < text.length()
        && text.charAt(end) == '.'
        && Character.isLetter(text.charAt(end + 1));
  }

  private static boolean leetTokenSlow(char c) {
    return Character.isLetterOrDigit(c) || c == '@' || c == '$';
  }

  private static char leetLetter(char c) {
    return switch (c) {
      case '0' -> 'o';
      case '1' -> 'i';
      case '3' -> 'e';
      case '4', '@' -> 'a';
      case '5', '$' -> 's';
      case '7' -> 't';
      case '8' -> 'b';
      default -> 0;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // ROT13.

  TextView rot13() {
    char[] out = text.toCharArray();
    for (int i = 0; i < out.length; i++) {
      out[i] = rot13(out[i]);
    }
    return sameLength(out, "rot13");
  }

  static char rot13(char c) {
    if (c >= 'a' && c <= 'z') {
      return (char) ('a' + (c - 'a' + 13) % 26);
    }
    if (c >= 'A' && c <= 'Z') {
      return (char) ('A' + (c - 'A' + 13) % 26);
    }
    return c;
  }

  // ---------------------------------------------------------------------------------------------
  // Spaced letters: "i g n o r e  a l l  p r e v i o u s", "I-G-N-O-R-E".

  /** Fewest single letters in a row before a run counts as spaced-out text. */
  static final int MIN_SPACED_LETTERS = 6;

  /**
   * Words re-separated after spaced letters are joined, when the run did not mark word gaps itself
   * ("i g n o r e a l l" becomes "ignore all", not "ignoreall"). Longest match first.
   */
  private static final List<String> VOCABULARY =
      List.of(
          "instructions",
          "instruction",
          "unrestricted",
          "guidelines",
          "disregard",
          "developer",
          "jailbreak",
          "previous",
          "everything",
          "verbatim",
          "override",
          "system",
          "prompt",
          "ignore",
          "forget",
          "reveal",
          "repeat",
          "output",
          "before",
          "above",
          "prior",
          "rules",
          "print",
          "earlier",
          "your",
          "user",
          "mode",
          "show",
          "tell",
          "send",
          "text",
          "from",
          "with",
          "this",
          "that",
          "now",
          "all",
          "any",
          "are",
          "you",
          "the",
          "and",
          "not",
          "say",
          "dan",
          "act",
          "as",
          "do",
          "to",
          "on",
          "me",
          "of",
          "is",
          "it",
          "in");

  /** Spaced-out runs joined into words; {@code null} if the text has none. */
  @Nullable TextView unspace() {
    int n = text.length();
    Builder b = null;
    int[] joined = new int[0];
    int joinedCount = 0;
    int copied = 0;
    int i = 0;
    while (i < n) {
      int runEnd = spacedRunEnd(i);
      if (runEnd < 0) {
        i++;
        continue;
      }
      if (b == null) {
        b = new Builder(n);
      }
      copyTo(b, copied, i);
      if (joinedCount + 2 > joined.length) {
        joined = Arrays.copyOf(joined, Math.max(8, joined.length * 2));
      }
      joined[joinedCount++] = b.length();
      joinRun(b, i, runEnd);
      joined[joinedCount++] = b.length();
      copied = runEnd;
      i = runEnd;
    }
    if (b == null) {
      return null;
    }
    copyTo(b, copied, n);
    return b.build(
        name.isEmpty() ? "spaced" : name + "+spaced", Arrays.copyOf(joined, joinedCount));
  }

  private void copyTo(Builder b, int from, int to) {
    for (int k = from; k < to; k++) {
      b.add(text.charAt(k), origStart(k), origEnd(k));
    }
  }

  private int origStart(int i) {
    return starts == null ? i : starts[i];
  }

  private int origEnd(int i) {
    return ends == null ? i + 1 : ends[i];
  }

  /** End of a run of single letters starting at {@code i}, or -1 if none starts there. */
  private int spacedRunEnd(int i) {
    int n = text.length();
    if (!Character.isLetter(text.charAt(i))
        || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
      return -1;
    }
    int letters = 0;
    int p = i;
    int end = i;
    while (p < n
        && Character.isLetter(text.charAt(p))
        && (p + 1 >= n || !Character.isLetterOrDigit(text.charAt(p + 1)))) {
      letters++;
      end = p + 1;
      int q = p + 1;
      int gap = 0;
      while (q < n && separator(text.charAt(q)) && gap < 3) {
        q++;
        gap++;
      }
      if (gap == 0 || q >= n || !Character.isLetter(text.charAt(q))) {
        break;
      }
      p = q;
    }
    return letters >= MIN_SPACED_LETTERS ? end : -1;
  }

  private static boolean separator(char c) {
    return c == ' '
        || c == '.'
        || c == '-'
        || c == '_'
        || c == '*'
        || c == '\u00B7'
        || c == '/'
        || c == '|';
  }

  private void joinRun(Builder b, int start, int end) {
    // Pieces: letters between word gaps (two or more separators, or a '/' or '|').
    List<int[]> letters = new ArrayList<>();
    for (int k = start; k < end; k++) {
      char c = text.charAt(k);
      if (Character.isLetter(c)) {
        letters.add(new int[] {k});
      } else if (!letters.isEmpty() && letters.getLast().length == 1) {
        int gapEnd = k;
        while (gapEnd < end && separator(text.charAt(gapEnd))) {
          gapEnd++;
        }
        String gap = text.substring(k, gapEnd);
        if (gap.length() >= 2 || gap.contains("/") || gap.contains("|")) {
          letters.add(new int[] {-1, k});
        }
        k = gapEnd - 1;
      }
    }
    List<int[]> piece = new ArrayList<>();
    boolean first = true;
    for (int[] l : letters) {
      if (l[0] < 0) {
        first = emitPiece(b, piece, first);
        piece.clear();
      } else {
        piece.add(l);
      }
    }
    emitPiece(b, piece, first);
  }

  /** Emits one piece, splitting it into vocabulary words; returns whether nothing was emitted. */
  private boolean emitPiece(Builder b, List<int[]> piece, boolean first) {
    if (piece.isEmpty()) {
      return first;
    }
    StringBuilder lower = new StringBuilder(piece.size());
    for (int[] l : piece) {
      lower.append(Character.toLowerCase(text.charAt(l[0])));
    }
    String word = lower.toString();
    boolean needSpace = !first;
    int p = 0;
    while (p < word.length()) {
      String match = null;
      for (String v : VOCABULARY) {
        if (word.startsWith(v, p) && (match == null || v.length() > match.length())) {
          match = v;
        }
      }
      int len = match == null ? 1 : match.length();
      if (needSpace || (match != null && p > 0)) {
        int at = piece.get(p)[0];
        b.add(' ', origStart(at), origStart(at));
      }
      for (int k = p; k < p + len; k++) {
        int at = piece.get(k)[0];
        b.add(text.charAt(at), origStart(at), origEnd(at));
      }
      needSpace = match != null;
      p += len;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Base64: runs that decode to text.

  static final int MIN_BASE64 = 24;
  static final int MAX_BASE64 = 65_536;
  static final int MAX_BASE64_RUNS = 32;

  /** Each base64 run of the original that decodes to printable UTF-8 text, as its own view. */
  static List<TextView> base64Runs(String text) {
    List<TextView> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    int tried = 0;
    while (i < n && tried < MAX_BASE64_RUNS) {
      if (!base64Char(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && base64Char(text.charAt(i))) {
        i++;
      }
      int end = i;
      while (i < n && text.charAt(i) == '=' && i - end < 2) {
        i++;
      }
      int len = end - start;
      if (len < MIN_BASE64 || len > MAX_BASE64) {
        continue;
      }
      tried++;
      String decoded = decodeBase64(text.substring(start, end));
      if (decoded != null) {
        int[] s = new int[decoded.length()];
        int[] e = new int[decoded.length()];
        java.util.Arrays.fill(s, start);
        java.util.Arrays.fill(e, i);
        out.add(new TextView(decoded, "base64", s, e));
      }
    }
    return out;
  }

  private static boolean base64Char(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '-'
        || c == '_';
  }

  private static @Nullable String decodeBase64(String run) {
    if (run.length() % 4 == 1) {
      return null;
    }
    byte[] bytes;
    try {
      bytes =
          run.indexOf('-') >= 0 || run.indexOf('_') >= 0
              ? Base64.getUrlDecoder().decode(run)
              : Base64.getDecoder().decode(run);
    } catch (IllegalArgumentException e) {
      return null; // not base64 after all: mixed alphabets, bad length
    }
    String s = dev.warden.engine.normalize.StrictUtf8.decode(bytes);
    if (s == null) {
      return null; // binary data, not text
    }
    int printable = 0;
    boolean space = false;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (!Character.isISOControl(c) || c == '\n' || c == '\t') {
        printable++;
      }
      space |= Character.isWhitespace(c);
    }
    return space && printable >= s.length() * 0.95 ? s : null;
  }

  /** Words whose ROT13 form is worth a prefilter entry (long enough not to occur by chance). */
  static Set<String> rot13Keywords(List<String> keywords) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (String k : keywords) {
      if (k.length() >= 5 && k.chars().allMatch(c -> c < 0x80)) {
        StringBuilder r = new StringBuilder(k.length());
        for (int i = 0; i < k.length(); i++) {
          r.append(rot13(k.charAt(i)));
        }
        out.add(r.toString().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** Collects characters with their original spans. */
  private static final class Builder {
    private final StringBuilder text;
    private int[] starts;
    private int[] ends;

    Builder(int capacity) {
      this.text = new StringBuilder(capacity);
      this.starts = new int[Math.max(16, capacity)];
      this.ends = new int[Math.max(16, capacity)];
    }

    void add(char c, int start, int end) {
      int i = text.length();
      if (i == starts.length) {
        starts = java.util.Arrays.copyOf(starts, i * 2);
        ends = java.util.Arrays.copyOf(ends, i * 2);
      }
      text.append(c);
      starts[i] = start;
      ends[i] = end;
    }

    int length() {
      return text.length();
    }

    TextView build(String name) {
      return build(name, null);
    }

    TextView build(String name, int @Nullable [] rewritten) {
      int n = text.length();
      return new TextView(
          text.toString(),
          name,
          java.util.Arrays.copyOf(starts, n),
          java.util.Arrays.copyOf(ends, n),
          rewritten);
    }
  }
}
