package dev.warden.engine.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One automaton for the keywords of several {@link KeywordScanner}s, so a text is scanned once for
 * all of them: {@link #scan} records every hit of the union of their words, and {@link Hits#replay}
 * hands each scanner's owner the hits that scanner would have reported itself — the same
 * occurrences, in its own keyword numbering and in the same order (by end, the longest first at one
 * end, as the automaton reports them).
 *
 * <p>Immutable and thread-safe; a {@link Hits} belongs to one call.
 */
public final class SharedKeywordScan {
  private final KeywordScanner union;

  /** {@code owned[part][unionKeyword]}: that word's index in part's scanner, or -1. */
  private final int[][] owned;

  /** Union keyword lengths. */
  private final int[] lengths;

  public SharedKeywordScan(List<KeywordScanner> parts) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (KeywordScanner part : parts) {
      for (String word : part.keywords()) {
        index.putIfAbsent(word, index.size());
      }
    }
    List<String> words = new ArrayList<>(index.keySet());
    this.union = new KeywordScanner(words);
    this.owned = new int[parts.size()][words.size()];
    for (int p = 0; p < parts.size(); p++) {
      Arrays.fill(owned[p], -1);
      List<String> own = parts.get(p).keywords();
      for (int k = 0; k < own.size(); k++) {
        owned[p][java.util.Objects.requireNonNull(index.get(own.get(k)))] = k;
      }
    }
    this.lengths = words.stream().mapToInt(String::length).toArray();
  }

  /** Every hit of every part's keywords in {@code text}. */
  public Hits scan(CharSequence text) {
    Hits hits = new Hits();
    union.scan(text, (keyword, start, end) -> hits.add(end, keyword));
    return hits;
  }

  /** The hits of one text, to be replayed to each part. */
  public final class Hits {
    private static final long[] NONE = new long[0];

    /** {@code (end << 32) | unionKeyword}, in the order the automaton reported them. */
    private long[] packed = NONE;

    private int count;

    private Hits() {}

    void add(int end, int keyword) {
      if (count == packed.length) {
        packed = Arrays.copyOf(packed, Math.max(16, count * 2));
      }
      packed[count++] = ((long) end << 32) | keyword;
    }

    /**
     * Reports to {@code hit} what {@code parts.get(part).scan(text, hit)} would report, in the same
     * order.
     */
    public void replay(int part, KeywordScanner.Hit hit) {
      int[] own = owned[part];
      for (int i = 0; i < count; i++) {
        int keyword = (int) packed[i];
        int k = own[keyword];
        if (k >= 0) {
          int end = (int) (packed[i] >>> 32);
          hit.at(k, end - lengths[keyword], end);
        }
      }
    }
  }
}
