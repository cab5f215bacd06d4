package dev.warden.engine.detect;

import dev.warden.api.ScanInput;
import dev.warden.api.Span;
import org.jspecify.annotations.Nullable;

/**
 * One true-positive example of a rule: a text and the span of the value the rule must report.
 *
 * <p>Examples are written with the expected value between guillemets, {@code "key «AKIA…» end"};
 * {@link #parse} removes the two markers and records the span between them. Guillemets were chosen
 * because no built-in rule matches them and they survive JSON escaping unchanged.
 *
 * <p>An example may name the JSON key its text is the value of, as a prefix {@code ⟦key⟧} ({@link
 * #keyed}); rules gated by the JSON key ({@link Rule#jsonKeys()}) need one. The same prefix works
 * on a false-positive example ({@link #input(String)}).
 *
 * @param text the example text without markers
 * @param expected where the value is in {@code text}
 * @param jsonKey the JSON key the text is scanned under, or {@code null}
 */
public record RuleExample(String text, Span expected, @Nullable String jsonKey) {
  /** Opens the expected value. */
  public static final char OPEN = '«';

  /** Closes the expected value. */
  public static final char CLOSE = '»';

  /** Opens a JSON key prefix. */
  public static final char KEY_OPEN = '⟦';

  /** Closes a JSON key prefix. */
  public static final char KEY_CLOSE = '⟧';

  /** An example scanned as plain text, with no JSON key. */
  public RuleExample(String text, Span expected) {
    this(text, expected, null);
  }

  /**
   * Parses a marked example.
   *
   * @throws IllegalArgumentException unless the text holds exactly one {@code «…»} pair in that
   *     order with a non-empty value
   */
  public static RuleExample parse(String keyedAndMarked) {
    String key = keyOf(keyedAndMarked);
    String marked = withoutKey(keyedAndMarked);
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
    return new RuleExample(text, new Span(open, close - 1), key);
  }

  /** What a detector scans for this example: the text, under its JSON key if it has one. */
  public ScanInput input() {
    return new ScanInput(text, jsonKey, jsonKey == null ? "" : "/" + jsonKey);
  }

  /** The scan input for an unmarked example that may carry a {@code ⟦key⟧} prefix. */
  public static ScanInput input(String maybeKeyed) {
    String key = keyOf(maybeKeyed);
    return new ScanInput(withoutKey(maybeKeyed), key, key == null ? "" : "/" + key);
  }

  /** {@code text} (marked or not) as the value of JSON key {@code key}. */
  public static String keyed(String key, String text) {
    return KEY_OPEN + key + KEY_CLOSE + text;
  }

  private static @Nullable String keyOf(String s) {
    int close = s.indexOf(KEY_CLOSE);
    return !s.isEmpty() && s.charAt(0) == KEY_OPEN && close > 1 ? s.substring(1, close) : null;
  }

  private static String withoutKey(String s) {
    return keyOf(s) == null ? s : s.substring(s.indexOf(KEY_CLOSE) + 1);
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
    return "RuleExample[length="
        + text.length()
        + ", expected="
        + expected
        + (jsonKey == null ? "" : ", jsonKey=" + jsonKey)
        + "]";
  }
}
