package dev.warden.engine.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;

/**
 * One pass over a text that reports every occurrence of a fixed set of ASCII keywords, ignoring
 * ASCII case: an Aho-Corasick automaton compiled into a dense state table, so each character costs
 * one array read. (A general-purpose trie with a map per state boxed every character and was the
 * detector's largest cost after the regexes.) A character outside ASCII returns the automaton to
 * its root, which is exact because no keyword contains one.
 *
 * <p>Immutable and thread-safe.
 */
final class KeywordScanner {
  private static final int ALPHABET = 128;

  /** Receives {@code (keyword index, start, end exclusive)} for each occurrence, in end order. */
  @FunctionalInterface
  interface Hit {
    void at(int keyword, int start, int end);
  }

  private final List<String> keywords;
  private final int[][] next;
  private final int[][] outputs;

  /**
   * @throws IllegalArgumentException if a keyword is empty or not lower-case ASCII
   */
  KeywordScanner(List<String> keywords) {
    this.keywords = List.copyOf(keywords);
    List<int[]> go = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    go.add(newRow());
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
          throw new IllegalArgumentException("keyword must be ASCII: " + word);
        }
        if (go.get(state)[c] < 0) {
          go.get(state)[c] = go.size();
          go.add(newRow());
          out.add(new ArrayList<>());
        }
        state = go.get(state)[c];
      }
      out.get(state).add(k);
    }
    // Breadth-first: complete every missing transition with the failure state's, and inherit the
    // failure state's outputs, turning the trie into a DFA.
    int[] fail = new int[go.size()];
    Queue<Integer> queue = new ArrayDeque<>();
    for (int c = 0; c < ALPHABET; c++) {
      int s = go.get(0)[c];
      if (s < 0) {
        go.get(0)[c] = 0;
      } else {
        fail[s] = 0;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int r = queue.remove();
      out.get(r).addAll(out.get(fail[r]));
      for (int c = 0; c < ALPHABET; c++) {
        int s = go.get(r)[c];
        if (s < 0) {
          go.get(r)[c] = go.get(fail[r])[c];
        } else {
          fail[s] = go.get(fail[r])[c];
          queue.add(s);
        }
      }
    }
    this.next = go.toArray(new int[0][]);
    this.outputs = new int[out.size()][];
    for (int s = 0; s < out.size(); s++) {
      outputs[s] = out.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static int[] newRow() {
    int[] row = new int[ALPHABET];
    Arrays.fill(row, -1);
    return row;
  }

  List<String> keywords() {
    return keywords;
  }

  void scan(CharSequence text, Hit hit) {
    int state = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c >= ALPHABET) {
        state = 0;
        continue;
      }
      state = next[state][c];
      int[] found = outputs[state];
      for (int k : found) {
        hit.at(k, i + 1 - keywords.get(k).length(), i + 1);
      }
    }
  }
}
