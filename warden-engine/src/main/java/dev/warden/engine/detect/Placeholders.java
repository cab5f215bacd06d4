package dev.warden.engine.detect;

import java.util.List;
import java.util.Locale;

/**
 * The allowlist of placeholder values that look like secrets but are documentation: vendor examples
 * ({@code AKIAIOSFODNN7EXAMPLE}), templates ({@code ${OPENAI_KEY}}, {@code <token>}), elisions
 * ({@code sk-...}), and filler (a run of {@code x}, one character repeated).
 *
 * <p>Applied only to rules with {@link Rule#placeholderCheck()}: an e-mail at {@code example.org}
 * or the test card {@code 4111 1111 1111 1111} is still personal-data-shaped text a gateway should
 * treat as such, while a secret that says it is an example cannot authenticate anywhere.
 */
final class Placeholders {
  private static final List<String> MARKERS =
      List.of(
          "example",
          "...",
          "…",
          "${",
          "{{",
          "<",
          ">",
          "placeholder",
          "your_",
          "your-",
          "redacted",
          "changeme",
          "change_me",
          "change-me",
          "replace_me",
          "replace-me",
          "replaceme",
          "insert",
          "not-a-real",
          "not_a_real",
          // "fill in" / "replace" in the other languages people write config comments in
          "eintragen",
          "einfügen",
          "einfuegen",
          "ausfüllen",
          "ausfuellen",
          "ersetzen",
          "platzhalter",
          "remplacer",
          "reemplazar",
          "sostituire");

  /** A run of one character this long, covering half the value, is filler, not randomness. */
  private static final int MIN_FILLER_RUN = 8;

  private Placeholders() {}

  static boolean isPlaceholder(CharSequence value) {
    String lower = value.toString().toLowerCase(Locale.ROOT);
    for (String marker : MARKERS) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    int run = longestRun(value);
    if (run >= MIN_FILLER_RUN && run * 2 >= value.length()) {
      return true;
    }
    // x's as filler (sk-xxxx, AKIAXXXXXXXXXXXXXXXX): a long run, or a run that is a quarter of the
    // value. Four x's by chance are common in a long random value (one RSA key in 400 holds
    // "xXxx" somewhere): not a marker there.
    int xs = longestXRun(value);
    return xs >= 4 && (xs >= MIN_FILLER_RUN || xs * 4 >= value.length());
  }

  private static int longestXRun(CharSequence value) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      run = c == 'x' || c == 'X' ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }

  private static int longestRun(CharSequence value) {
    int best = 0;
    int run = 0;
    for (int i = 0; i < value.length(); i++) {
      run = i > 0 && value.charAt(i) == value.charAt(i - 1) ? run + 1 : 1;
      best = Math.max(best, run);
    }
    return best;
  }
}
