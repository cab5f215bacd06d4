package dev.warden.engine.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The walk that re-keys keyword hits to their clause ({@link InjectionDetector#rekeyByClause})
 * against the path it replaced — a binary search of each hit's clause, then a sort — and the
 * near-linear sort against the library's, on generated texts and hits.
 */
class RekeyByClauseTest {
  private static final String ALPHABET = "ab .\n!?\\nr。 e.g. z. B.\"";

  @Test
  void walkGivesTheClausesABinarySearchPerHitAndASortGave() {
    Random random = new Random(20261124);
    int inGaps = 0;
    int rekeyed = 0;
    for (int t = 0; t < 3_000; t++) {
      StringBuilder text = new StringBuilder();
      for (int c = random.nextInt(t % 10 == 0 ? 5_000 : 300); c > 0; c--) {
        text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      List<int[]> clauses = InjectionDetector.clauses(text.toString());
      int n = random.nextInt(200);
      long[] hits = new long[n];
      for (int i = 0; i < n; i++) {
        int position = random.nextInt(text.length() + 1);
        int word =
            random.nextInt(50) | (random.nextInt(4) == 0 ? InjectionDetector.REQUIRED_HIT : 0);
        hits[i] = ((long) position << 32) | word;
      }
      if (random.nextBoolean()) {
        // the scanner's order: ascending ends, starts out of order where words overlap
        Arrays.sort(hits);
        for (int i = 0; i + 1 < n; i += 1 + random.nextInt(3)) {
          long swap = hits[i];
          hits[i] = hits[i + 1];
          hits[i + 1] = swap;
        }
      }
      BitSet expectedWithKeyword = new BitSet();
      long[] expected = reference(hits.clone(), n, clauses, expectedWithKeyword);
      BitSet withKeyword = new BitSet();
      long[] packed = hits.clone();
      int kept = InjectionDetector.rekeyByClause(packed, n, clauses, withKeyword);
      long[] actual = Arrays.copyOf(packed, kept);
      for (int i = 1; i < kept; i++) {
        assertThat(actual[i] >>> 32)
            .as("grouped by clause, in order")
            .isGreaterThanOrEqualTo(actual[i - 1] >>> 32);
      }
      Arrays.sort(actual);
      assertThat(actual).isEqualTo(expected);
      assertThat(withKeyword).isEqualTo(expectedWithKeyword);
      inGaps += n - kept;
      rekeyed += kept;
    }
    assertThat(inGaps).as("hits in clause gaps, dropped").isGreaterThan(1_000);
    assertThat(rekeyed).as("hits re-keyed").isGreaterThan(100_000);
  }

  @Test
  void nearlySortedSortEqualsTheLibrarySortAlsoPastItsBudget() {
    Random random = new Random(7);
    for (int t = 0; t < 2_000; t++) {
      int n = random.nextInt(t % 50 == 0 ? 20_000 : 300);
      long[] values = new long[n + 5];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextInt(3) == 0 ? random.nextLong() >>> 1 : random.nextInt(1_000);
      }
      switch (t % 3) {
        case 0 -> Arrays.sort(values, 0, n);
        case 1 -> {
          Arrays.sort(values, 0, n); // then reversed: far past the budget
          for (int i = 0; i < n / 2; i++) {
            long swap = values[i];
            values[i] = values[n - 1 - i];
            values[n - 1 - i] = swap;
          }
        }
        default -> {}
      }
      long[] expected = values.clone();
      Arrays.sort(expected, 0, n);
      InjectionDetector.sortNearlySorted(values, n);
      assertThat(values).isEqualTo(expected); // the tail past n untouched
    }
  }

  /** The replaced path: each hit's clause by binary search over the starts, then one sort. */
  private static long[] reference(long[] hits, int n, List<int[]> clauses, BitSet withKeyword) {
    int[] starts = clauses.stream().mapToInt(c -> c[0]).toArray();
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int position = (int) (hits[i] >>> 32);
      int word = (int) hits[i];
      int c = Arrays.binarySearch(starts, position);
      int clause = c >= 0 ? c : -c - 2;
      if (clause < 0 || position >= clauses.get(clause)[1]) {
        continue;
      }
      hits[kept++] = ((long) clause << 32) | word;
      if ((word & InjectionDetector.REQUIRED_HIT) == 0) {
        withKeyword.set(clause);
      }
    }
    long[] out = Arrays.copyOf(hits, kept);
    Arrays.sort(out);
    return out;
  }
}
