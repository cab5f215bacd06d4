package dev.warden.engine.detect;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Words near a match, or in the JSON key of the leaf, that change a rule's verdict.
 *
 * <p>Words are searched, lower-cased, in the {@value #WINDOW} characters before the match. A word
 * that starts with a letter must start at a word boundary, so {@code cc} is not found in {@code
 * account}; compounds still match on their first part ({@code kredit} in {@code
 * Kreditkartennummer}). Scripts without case or spaces (Korean, Japanese) match anywhere. The word
 * nearest to the match decides, because the closest noun is the one that names the number: "paid by
 * card for order 4111…" is an order number, "order paid by card 4111…" is a card. Only when no word
 * occurs in the window does the JSON key decide, by its last listed word ({@code card_order_id} is
 * an order id).
 *
 * @param raise words that make the value more likely ({@code card}, {@code visa})
 * @param suppress words that say the value is something else ({@code order}, {@code imei})
 * @param required whether a {@code raise} word must be present for the rule to report anything (for
 *     shapes that are only credentials in a credential position)
 */
public record ContextWords(List<String> raise, List<String> suppress, boolean required) {

  /** How many characters before the match are searched. */
  public static final int WINDOW = 40;

  /** No context words: the verdict is the rule's own. */
  public static final ContextWords NONE = new ContextWords(List.of(), List.of(), false);

  /**
   * @throws IllegalArgumentException if a word is blank or not lower-case, or {@code required} has
   *     no {@code raise} words
   */
  public ContextWords {
    raise = List.copyOf(raise);
    suppress = List.copyOf(suppress);
    for (String word : concat(raise, suppress)) {
      if (word.isBlank() || !word.equals(word.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "context word must be lower-case and not blank: " + word);
      }
    }
    if (required && raise.isEmpty()) {
      throw new IllegalArgumentException("required context needs at least one raise word");
    }
  }

  /** Context that raises on {@code raise} and drops the match on {@code suppress}. */
  public static ContextWords of(List<String> raise, List<String> suppress) {
    return new ContextWords(raise, suppress, false);
  }

  /** Context that must contain one of {@code raise} for the match to count. */
  public static ContextWords requiring(List<String> raise) {
    return new ContextWords(raise, List.of(), true);
  }

  /** What the context says about one match. */
  enum Effect {
    NONE,
    RAISE,
    SUPPRESS
  }

  /**
   * The outcome for one match.
   *
   * @param hit the deciding word (from this vocabulary, never from the text), prefixed with {@code
   *     json_key:} when the JSON key decided, or {@code null} when nothing matched
   */
  record Outcome(Effect effect, @Nullable String hit) {
    static final Outcome NOTHING = new Outcome(Effect.NONE, null);
  }

  Outcome evaluate(CharSequence text, int matchStart, @Nullable String jsonKey) {
    if (raise.isEmpty() && suppress.isEmpty()) {
      return Outcome.NOTHING;
    }
    int from = Math.max(0, matchStart - WINDOW);
    String window = text.subSequence(from, matchStart).toString().toLowerCase(Locale.ROOT);
    Outcome best = Outcome.NOTHING;
    int bestEnd = -1;
    // Raise words first so that on a tie (two words ending at the same place) the raise wins:
    // missing a real value costs more than an extra redaction.
    for (String word : raise) {
      int end = lastWordEnd(window, word);
      if (end > bestEnd) {
        bestEnd = end;
        best = new Outcome(Effect.RAISE, word);
      }
    }
    for (String word : suppress) {
      int end = lastWordEnd(window, word);
      if (end > bestEnd) {
        bestEnd = end;
        best = new Outcome(Effect.SUPPRESS, word);
      }
    }
    if (best.effect() != Effect.NONE || jsonKey == null) {
      return best;
    }
    return evaluateKey(jsonKey.toLowerCase(Locale.ROOT));
  }

  private Outcome evaluateKey(String key) {
    Outcome best = Outcome.NOTHING;
    int bestAt = -1;
    for (String word : raise) {
      int at = key.lastIndexOf(word);
      if (at > bestAt) {
        bestAt = at;
        best = new Outcome(Effect.RAISE, "json_key:" + word);
      }
    }
    for (String word : suppress) {
      int at = key.lastIndexOf(word);
      if (at > bestAt) {
        bestAt = at;
        best = new Outcome(Effect.SUPPRESS, "json_key:" + word);
      }
    }
    return best;
  }

  /** End offset of the last boundary-respecting occurrence of {@code word}, or -1. */
  private static int lastWordEnd(String window, String word) {
    boolean needsBoundary = isAsciiLetter(word.charAt(0));
    int at = window.lastIndexOf(word);
    while (at >= 0) {
      if (!needsBoundary || at == 0 || !Character.isLetterOrDigit(window.charAt(at - 1))) {
        return at + word.length();
      }
      at = at == 0 ? -1 : window.lastIndexOf(word, at - 1);
    }
    return -1;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
