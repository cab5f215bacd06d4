package dev.warden.engine.detect;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StartShape} made only of digit-run clauses ({@link StartShape#digits}, {@link
 * StartShape#digitsThen} and their {@code or}): it depends on nothing but the length of the digit
 * run at the start and the character after that run. {@link RuleDetector} reads those two once per
 * word start and leaf ({@link #admitsRun}), and every digit rule's shape is then two comparisons
 * per clause instead of its own read of the run through a chain of lambdas.
 */
final class DigitRunShape implements StartShape {
  private final int[] mins;
  private final int[] maxes;

  /** Per clause: the characters one of which must follow the run, or {@code null} for none. */
  private final @Nullable String[] nexts;

  private final int longestMax;
  private final boolean needsDigit;

  private DigitRunShape(int[] mins, int[] maxes, @Nullable String[] nexts) {
    this.mins = mins;
    this.maxes = maxes;
    this.nexts = nexts;
    this.longestMax = Arrays.stream(maxes).max().orElse(0);
    this.needsDigit = Arrays.stream(mins).allMatch(min -> min > 0);
  }

  /** One clause: a run of {@code min} to {@code max} digits, then one of {@code next} if given. */
  static DigitRunShape clause(int min, int max, @Nullable String next) {
    return new DigitRunShape(new int[] {min}, new int[] {max}, new @Nullable String[] {next});
  }

  @Override
  public StartShape or(StartShape other) {
    if (!(other instanceof DigitRunShape that)) {
      return StartShape.super.or(other);
    }
    int n = mins.length;
    int[] joinedMins = Arrays.copyOf(mins, n + that.mins.length);
    int[] joinedMaxes = Arrays.copyOf(maxes, n + that.maxes.length);
    @Nullable String[] joinedNexts = Arrays.copyOf(nexts, n + that.nexts.length);
    System.arraycopy(that.mins, 0, joinedMins, n, that.mins.length);
    System.arraycopy(that.maxes, 0, joinedMaxes, n, that.maxes.length);
    System.arraycopy(that.nexts, 0, joinedNexts, n, that.nexts.length);
    return new DigitRunShape(joinedMins, joinedMaxes, joinedNexts);
  }

  @Override
  public boolean admits(CharSequence text, int start) {
    int p = start + digitRun(text, start, longestMax + 1);
    return admitsRun(p - start, p < text.length() ? text.charAt(p) : NO_CHAR);
  }

  /** Length of the run of ASCII digits at {@code start}, counted up to {@code cap}. */
  static int digitRun(CharSequence text, int start, int cap) {
    int end = (int) Math.min(text.length(), (long) start + cap);
    int p = start;
    while (p < end && isDigit(text.charAt(p))) {
      p++;
    }
    return p - start;
  }

  /** Stands for "the run reaches the end of the text" in {@link #admitsRun}. */
  static final int NO_CHAR = -1;

  /**
   * {@link #admits} from the run already read: {@code run} digits at the start, counted up to at
   * least {@link #runsCountedTo()}, and {@code after}, the character after them ({@link #NO_CHAR}
   * at the end of the text; any value once the run reaches that count, which no clause admits).
   */
  boolean admitsRun(int run, int after) {
    for (int i = 0; i < mins.length; i++) {
      if (run >= mins[i] && run <= maxes[i]) {
        String next = nexts[i];
        if (next == null || (after != NO_CHAR && next.indexOf(after) >= 0)) {
          return true;
        }
      }
    }
    return false;
  }

  /** How far a run must be counted for {@link #admitsRun} to be exact: one past every clause. */
  int runsCountedTo() {
    return longestMax + 1;
  }

  /** Whether every clause needs at least one digit: a start without one is never admitted. */
  boolean needsDigit() {
    return needsDigit;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
