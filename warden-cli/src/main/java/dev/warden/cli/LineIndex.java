package dev.warden.cli;

import java.util.Arrays;

/**
 * Line and column of a UTF-16 offset, as SARIF counts them by default ({@code utf16CodeUnits}):
 * lines and columns start at 1; {@code \n}, {@code \r\n} and a lone {@code \r} end a line.
 */
final class LineIndex {
  private final int[] starts;
  private final int count;

  LineIndex(String text) {
    int[] s = new int[16];
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        if (n == s.length) {
          s = Arrays.copyOf(s, n * 2);
        }
        s[n++] = i + 1;
      }
    }
    this.starts = s;
    this.count = n;
  }

  /** 1-based line of {@code offset}. */
  int line(int offset) {
    int i = Arrays.binarySearch(starts, 0, count, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** 1-based column of {@code offset} in UTF-16 code units. */
  int column(int offset) {
    return offset - starts[line(offset) - 1] + 1;
  }
}
