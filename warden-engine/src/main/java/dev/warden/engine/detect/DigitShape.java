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
   * Maximal stretches that start and end with a digit, where up to {@value #CLUSTER_GAP} separator
   * characters may sit between digits — looser than {@link #longestRun}, so every run that passes
   * the gate lies inside one cluster. One linear pass.
   */
  static List<Cluster> clusters(CharSequence text) {
    List<Cluster> out = new ArrayList<>();
    int start = -1;
    int lastDigit = -1;
    int digits = 0;
    int gap = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (start < 0) {
          start = i;
        }
        digits++;
        lastDigit = i;
        gap = 0;
      } else if (start >= 0 && isSeparator(c) && gap < CLUSTER_GAP) {
        gap++;
      } else if (start >= 0) {
        out.add(new Cluster(start, lastDigit + 1, digits));
        start = -1;
        digits = 0;
        gap = 0;
      }
    }
    if (start >= 0) {
      out.add(new Cluster(start, lastDigit + 1, digits));
    }
    return out;
  }

  static final int CLUSTER_GAP = 3;

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '+';
  }
}
