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
 * <p>ASCII characters, which almost all text and every hot keyword consist of, run through a dense
 * state table, so each costs one array read. (A general-purpose trie with a map per state boxed
 * every character and was the detector's largest cost after the regexes.) Keywords may also hold
 * non-ASCII characters ({@code 비밀번호}, {@code パスワード}, {@code schlüssel}): those transitions live in
 * a small sparse map per state, and a non-ASCII character follows classic failure links until a
 * state has a transition for it (the root has one for every character, to itself). A non-ASCII
 * character is lower-cased with {@link Character#toLowerCase(char)}; one whose lower case is ASCII
 * (the Turkish {@code İ}, the Kelvin sign) matches nothing, so {@code akİa} is not {@code akia}, as
 * before.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeywordScanner {
  private static final int ALPHABET = 128;

  private static final int[] NO_OUTPUT = new int[0];

  /** Receives {@code (keyword index, start, end exclusive)} for each occurrence, in end order. */
  @FunctionalInterface
  public interface Hit {
    void at(int keyword, int start, int end);
  }

  private final List<String> keywords;
  private final int[][] next;
  private final int[][] outputs;

  /** Failure links, used only for non-ASCII characters. */
  private final int[] fail;

  /** Non-ASCII goto transitions per state (trie edges only); empty maps for most states. */
  private final List<Map<Character, Integer>> wide;

  /** Whether any keyword holds a non-ASCII character: if not, those reset to the root at once. */
  private final boolean anyWide;

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
    boolean hasWide = false;
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
          hasWide = true;
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
    // the failure state's outputs, turning the ASCII part of the trie into a DFA. Non-ASCII edges
    // keep their failure links (fail[] is complete for every state).
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
    while (!queue.isEmpty()) {
      int r = queue.remove();
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
    this.next = go.toArray(new int[0][]);
    this.outputs = new int[out.size()][];
    for (int s = 0; s < out.size(); s++) {
      outputs[s] =
          out.get(s).isEmpty()
              ? NO_OUTPUT
              : out.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
    this.fail = failure;
    this.wide = goWide.stream().map(Map::copyOf).toList();
    this.anyWide = hasWide;
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

  public void scan(CharSequence text, Hit hit) {
    int state = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ALPHABET) {
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + ('a' - 'A'));
        }
        state = next[state][c];
      } else if (!anyWide) {
        state = 0;
        continue;
      } else {
        char lower = Character.toLowerCase(c);
        state = lower < ALPHABET ? 0 : wideStep(wide, fail, state, lower);
      }
      int[] found = outputs[state];
      for (int k : found) {
        hit.at(k, i + 1 - keywords.get(k).length(), i + 1);
      }
    }
  }
}
