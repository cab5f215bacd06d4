package dev.warden.engine.detect;

import dev.warden.api.Span;

/**
 * One true-positive example of a rule: a text and the span of the value the rule must report.
 *
 * <p>Examples are written with the expected value between guillemets, {@code "key «AKIA…» end"};
 * {@link #parse} removes the two markers and records the span between them. Guillemets were chosen
 * because no built-in rule matches them and they survive JSON escaping unchanged.
 *
 * @param text the example text without markers
 * @param expected where the value is in {@code text}
 */
public record RuleExample(String text, Span expected) {
  /** Opens the expected value. */
  public static final char OPEN = '«';

  /** Closes the expected value. */
  public static final char CLOSE = '»';

  /**
   * Parses a marked example.
   *
   * @throws IllegalArgumentException unless the text holds exactly one {@code «…»} pair in that
   *     order with a non-empty value
   */
  public static RuleExample parse(String marked) {
    int open = marked.indexOf(OPEN);
    int close = marked.indexOf(CLOSE);
    if (open < 0
        || close <= open + 1
        || marked.indexOf(OPEN, open + 1) >= 0
        || marked.indexOf(CLOSE, close + 1) >= 0) {
      throw new IllegalArgumentException(
          "example must mark exactly one non-empty value as «value»: " + describe(marked));
    }
    String text =
        marked.substring(0, open) + marked.substring(open + 1, close) + marked.substring(close + 1);
    return new RuleExample(text, new Span(open, close - 1));
  }

  /** Wraps {@code value} in markers, for building examples in code. */
  public static String mark(String value) {
    return OPEN + value + CLOSE;
  }

  // Examples are fake values, but a message should still not echo long example bodies.
  private static String describe(String marked) {
    return marked.length() <= 60 ? marked : marked.substring(0, 60) + "…";
  }

  @Override
  public String toString() {
    return "RuleExample[length=" + text.length() + ", expected=" + expected + "]";
  }
}
