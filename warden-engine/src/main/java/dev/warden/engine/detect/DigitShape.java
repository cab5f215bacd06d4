package dev.warden.engine.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The cheap gate for keyword-less, digit-shaped rules (cards, phone numbers): the length of the
 * longest run of digits in a text, where up to two separator characters ({@code space - . ( ) / +})
 * may sit between digits ({@code +1 (415) 555-0172} is one run of 11). One linear pass, no
 * allocation.
 */
final class DigitShape {
  private static final int MAX_SEPARATORS = 2;

  private DigitShape() {}

  static int longestRun(CharSequence text) {
    int best = 0;
    int digits = 0;
    int separators = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        separators = 0;
        best = Math.max(best, digits);
      } else if (digits > 0 && isSeparator(c) && separators < MAX_SEPARATORS) {
        separators++;
      } else {
        digits = 0;
        separators = 0;
      }
    }
    return best;
  }

  /** A stretch of digits and separators: where digit-shaped rules can match. */
  record Cluster(int start, int end, int digits) {}

  /**
   * What one pass over a text tells the digit-gated rules: its clusters and its {@link
   * #longestRun}, measured together so a text is read once instead of twice.
   */
  record Digits(List<Cluster> clusters, int longestRun) {}

  /**
   * The clusters of {@code text} — maximal stretches that start and end with a digit, where up to
   * {@value #CLUSTER_GAP} separator characters may sit between digits; looser than {@link
   * #longestRun}, so every run that passes the gate lies inside one cluster — and its {@link
   * #longestRun}, in one pass.
   */
  static Digits digits(CharSequence text) {
    List<Cluster> out = new ArrayList<>();
    int best = 0;
    int run = 0; // longestRun's state
    int runSeparators = 0;
    int start = -1; // clusters' state
    int lastDigit = -1;
    int digits = 0;
    int gap = 0;
    int n = text.length();
    String string = text instanceof String s ? s : null;
    char[] block = string != null && n >= SKIP_BLOCK ? new char[SKIP_BLOCK] : null;
    for (int i = 0; i < n; i++) {
      if (block != null
          && string != null
          && start < 0
          && (i & (SKIP_BLOCK - 1)) == 0
          && i + SKIP_BLOCK <= n) {
        // Prose holds a digit every few hundred characters: a block without one, read outside a
        // cluster (no run open either), changes nothing, and a loop without a branch tells.
        string.getChars(i, i + SKIP_BLOCK, block, 0);
        if (!anyDigit(block)) {
          i += SKIP_BLOCK - 1;
          continue;
        }
      }
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        run++;
        runSeparators = 0;
        best = Math.max(best, run);
        if (start < 0) {
          start = i;
        }
        digits++;
        lastDigit = i;
        gap = 0;
      } else if (start < 0) {
        // Outside a cluster no run is open either: a run never outlives its cluster.
        run = 0;
        runSeparators = 0;
      } else {
        boolean separator = isSeparator(c);
        if (run > 0 && separator && runSeparators < MAX_SEPARATORS) {
          runSeparators++;
        } else {
          run = 0;
          runSeparators = 0;
        }
        if (separator && gap < CLUSTER_GAP) {
          gap++;
        } else {
          out.add(new Cluster(start, lastDigit + 1, digits));
          start = -1;
          digits = 0;
          gap = 0;
        }
      }
    }
    if (start >= 0) {
      out.add(new Cluster(start, lastDigit + 1, digits));
    }
    return new Digits(out, best);
  }

  static final int CLUSTER_GAP = 3;

  /** Characters read at once between digits ({@link #digits}): a power of two. */
  static final int SKIP_BLOCK = 64;

  /** Whether {@code block} holds an ASCII digit; branch-free, so the JIT vectorizes it. */
  private static boolean anyDigit(char[] block) {
    int any = 0;
    for (char c : block) {
      any |= (((c - '0') & 0xFFFF) - 10) >>> 31;
    }
    return any != 0;
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '+';
  }
}
