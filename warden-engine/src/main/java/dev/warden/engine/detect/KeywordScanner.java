package dev.warden.engine.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;

/**
 * One pass over a text that reports every occurrence of a fixed set of keywords, ignoring case: an
 * Aho-Corasick automaton.
 *
 * <p>The automaton is a complete DFA over a small alphabet: the 128 ASCII characters (upper case
 * read as lower case), one column per distinct non-ASCII character of the keywords ({@code 비밀번호},
 * {@code パスワード}, {@code schlüssel}), and one column for every other character, which leads back to
 * the root. A table of 65,536 entries maps each {@code char} to its column, so every character of
 * the text costs two array reads and no branch: no boxing, no map, no failure-link walk (a
 * general-purpose trie with a map per state, and later a map per state for non-ASCII characters,
 * made Korean and Japanese text several times slower than English). A non-ASCII character is
 * lower-cased with {@link Character#toLowerCase(char)} when the column table is built; one whose
 * lower case is ASCII (the Turkish {@code İ}, the Kelvin sign) matches nothing, so {@code akİa} is
 * not {@code akia}, as before.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeywordScanner {
  private static final int ALPHABET = 128;

  private static final int[] NO_OUTPUT = new int[0];

  /** The stretch length from which {@link #scan(CharSequence, int, int, Hit)} runs two walks. */
  static final int TWO_CHAINS_FROM = 2_048;

  /** Receives {@code (keyword index, start, end exclusive)} for each occurrence, in end order. */
  @FunctionalInterface
  public interface Hit {
    void at(int keyword, int start, int end);
  }

  /**
   * The hits of one text, reported again on request: what {@link #scan(CharSequence, Hit)} reports
   * for it, in the same order. Lets a caller scan once for several scanners ({@link
   * SharedKeywordScan}).
   */
  @FunctionalInterface
  public interface Scan {
    void replay(Hit hit);
  }

  private final List<String> keywords;

  /** Keyword lengths, by keyword index. */
  private final int[] lengths;

  /** The longest keyword's length. */
  private final int longest;

  /** Columns of the transition table per row (state). */
  private final int width;

  /**
   * {@code table[row + column]}, where {@code row} is {@code state * width}: the next state's row,
   * or its complement ({@code ~row}, a negative number) when that state ends a keyword, so the scan
   * loop tests a sign instead of loading the state's outputs for every character, and adds instead
   * of multiplying (the multiplication sat on the loop's dependency chain, once per character).
   */
  private final int[] table;

  /** The column of each {@code char}. */
  private final char[] column;

  private final int[][] outputs;

  /**
   * @throws IllegalArgumentException if a keyword is empty or not lower-case
   */
  public KeywordScanner(List<String> keywords) {
    this.keywords = List.copyOf(keywords);
    List<int[]> go = new ArrayList<>();
    List<Map<Character, Integer>> goWide = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    go.add(newRow());
    goWide.add(new HashMap<>());
    out.add(new ArrayList<>());
    for (int k = 0; k < this.keywords.size(); k++) {
      String word = this.keywords.get(k);
      if (word.isEmpty() || !word.equals(word.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("keyword must be lower-case and not empty: " + word);
      }
      int state = 0;
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        if (c >= ALPHABET) {
          if (Character.toLowerCase(c) != c) {
            throw new IllegalArgumentException("keyword must be lower-case: " + word);
          }
          Integer target = goWide.get(state).get(c);
          if (target == null) {
            target = go.size();
            goWide.get(state).put(c, target);
            go.add(newRow());
            goWide.add(new HashMap<>());
            out.add(new ArrayList<>());
          }
          state = target;
        } else {
          if (go.get(state)[c] < 0) {
            go.get(state)[c] = go.size();
            go.add(newRow());
            goWide.add(new HashMap<>());
            out.add(new ArrayList<>());
          }
          state = go.get(state)[c];
        }
      }
      out.get(state).add(k);
    }
    // Breadth-first: complete every missing ASCII transition with the failure state's, and inherit
    // the failure state's outputs. Non-ASCII edges get their failure links here and their
    // complete rows in the table below.
    int[] failure = new int[go.size()];
    Queue<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < ALPHABET; c++) {
      int s = go.get(0)[c];
      if (s < 0) {
        go.get(0)[c] = 0;
      } else {
        failure[s] = 0;
        queue.add(s);
      }
    }
    for (int s : goWide.get(0).values()) {
      failure[s] = 0;
      queue.add(s);
    }
    List<Integer> order = new ArrayList<>(go.size());
    order.add(0);
    while (!queue.isEmpty()) {
      int r = queue.remove();
      order.add(r);
      out.get(r).addAll(out.get(failure[r]));
      for (int c = 0; c < ALPHABET; c++) {
        int s = go.get(r)[c];
        if (s < 0) {
          go.get(r)[c] = go.get(failure[r])[c];
        } else {
          failure[s] = go.get(failure[r])[c];
          queue.add(s);
        }
      }
      for (Map.Entry<Character, Integer> e : goWide.get(r).entrySet()) {
        int s = e.getValue();
        failure[s] = wideStep(goWide, failure, failure[r], e.getKey());
        queue.add(s);
      }
    }
    this.outputs = new int[out.size()][];
    for (int s = 0; s < out.size(); s++) {
      outputs[s] =
          out.get(s).isEmpty()
              ? NO_OUTPUT
              : out.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
    this.lengths = this.keywords.stream().mapToInt(String::length).toArray();
    this.longest = Arrays.stream(lengths).max().orElse(0);
    // Columns: ASCII as itself (upper case as lower case), each keyword's non-ASCII character, then
    // one column for everything else, left all zero (the root).
    List<Character> wideChars = new ArrayList<>();
    Map<Character, Integer> wideColumn = new HashMap<>();
    for (Map<Character, Integer> edges : goWide) {
      for (Character c : edges.keySet()) {
        if (!wideColumn.containsKey(c)) {
          wideColumn.put(c, ALPHABET + wideChars.size());
          wideChars.add(c);
        }
      }
    }
    int other = ALPHABET + wideChars.size();
    this.width = other + 1;
    this.column = new char[Character.MAX_VALUE + 1];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (c < ALPHABET) {
        column[c] = (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      } else {
        char lower = Character.toLowerCase((char) c);
        Integer col = lower < ALPHABET ? null : wideColumn.get(lower);
        column[c] = (char) (col == null ? other : col);
      }
    }
    int states = go.size();
    this.table = new int[Math.multiplyExact(states, width)];
    // In breadth-first order, so a state's failure state has its row complete before the state.
    for (int r : order) {
      int row = r * width;
      for (int c = 0; c < ALPHABET; c++) {
        table[row + c] = go.get(r)[column[c]];
      }
      for (int w = 0; w < wideChars.size(); w++) {
        Integer t = goWide.get(r).get(wideChars.get(w));
        table[row + ALPHABET + w] =
            t != null ? t : (r == 0 ? 0 : table[failure[r] * width + ALPHABET + w]);
      }
    }
    for (int i = 0; i < table.length; i++) {
      int offset = table[i] * width;
      table[i] = outputs[table[i]].length > 0 ? ~offset : offset;
    }
  }

  /** The automaton's transition on non-ASCII {@code c}, following failure links. */
  private static int wideStep(
      List<? extends Map<Character, Integer>> goWide, int[] failure, int state, char c) {
    int s = state;
    while (true) {
      Integer t = goWide.get(s).get(c);
      if (t != null) {
        return t;
      }
      if (s == 0) {
        return 0;
      }
      s = failure[s];
    }
  }

  private static int[] newRow() {
    int[] row = new int[ALPHABET];
    Arrays.fill(row, -1);
    return row;
  }

  public List<String> keywords() {
    return keywords;
  }

  /** The length of the longest keyword; 0 without keywords. */
  public int longestKeyword() {
    return longest;
  }

  public void scan(CharSequence text, Hit hit) {
    scan(text, 0, text.length(), hit);
  }

  /**
   * Reports every occurrence that lies wholly inside {@code text[from, to)}, as {@link
   * #scan(CharSequence, Hit)} on that stretch alone would, in the text's coordinates.
   */
  public void scan(CharSequence text, int from, int to, Hit hit) {
    if (to - from < TWO_CHAINS_FROM) {
      walk(text, from, to, 0, hit);
    } else {
      scanTwoChains(text, from, to, hit);
    }
  }

  /** Walks {@code text[from, to)} from the state whose row is {@code startRow}, reporting hits. */
  private void walk(CharSequence text, int from, int to, int startRow, Hit hit) {
    int[] next = table;
    char[] columns = column;
    int w = width;
    int row = startRow;
    for (int i = from; i < to; i++) {
      row = next[row + columns[text.charAt(i)]];
      if (row < 0) {
        row = ~row;
        for (int k : outputs[row / w]) {
          hit.at(k, i + 1 - lengths[k], i + 1);
        }
      }
    }
  }

  /**
   * The same hits as one {@link #walk} from the root, from two automaton walks interleaved in one
   * loop: each step of a walk waits for the table read of the step before, so one walk leaves the
   * core idle between reads, and two independent walks fill part of that gap (≈ 10 % faster on 1
   * MiB of prose). The second walk starts at the root {@link #longest} characters before the
   * middle: a state is the longest suffix read so far that begins a keyword, never longer than the
   * longest keyword, so from the middle on the second walk is in exactly the state a single walk
   * would be. The first walk reports hits ending up to the middle as it goes; the second's, which
   * end later, are held and reported after it, so the order stays by end.
   */
  private void scanTwoChains(CharSequence text, int from, int to, Hit hit) {
    int[] next = table;
    char[] columns = column;
    int w = width;
    int middle = (from + to) >>> 1;
    int second = Math.max(from, middle - longest);
    long[] held = new long[16];
    int heldCount = 0;
    int rowA = 0;
    int rowB = 0;
    int i = from;
    for (int j = second; i < middle; i++, j++) { // j - second <= i - from: j stays below to
      rowA = next[rowA + columns[text.charAt(i)]];
      rowB = next[rowB + columns[text.charAt(j)]];
      if (rowA < 0) {
        rowA = ~rowA;
        for (int k : outputs[rowA / w]) {
          hit.at(k, i + 1 - lengths[k], i + 1);
        }
      }
      if (rowB < 0) {
        rowB = ~rowB;
        if (j >= middle) {
          if (heldCount == held.length) {
            held = Arrays.copyOf(held, heldCount * 2);
          }
          held[heldCount++] = ((long) (j + 1) << 32) | (rowB / w);
        }
      }
    }
    for (int h = 0; h < heldCount; h++) {
      int end = (int) (held[h] >>> 32);
      for (int k : outputs[(int) held[h]]) {
        hit.at(k, end - lengths[k], end);
      }
    }
    // The second walk's rest, past where the first one stopped (past the middle: every hit counts).
    walk(text, second + (middle - from), to, rowB, hit);
  }
}
