package dev.warden.api;

import java.util.List;

/**
 * Why a rule fired, for humans and the ledger; never contains the matched text.
 *
 * @param validator the validator that confirmed the match ({@code "luhn"}, {@code "jwt-json"}) or
 *     {@code "none"}
 * @param contextHits context words or JSON key names that raised or lowered the confidence
 * @param evasions the evasions undone before the rule could see the value, as stable labels ({@code
 *     "base64"}, {@code "zero-width"}, {@code "nfkc"}); empty when the value was found in the text
 *     as written
 */
public record Explanation(String validator, List<String> contextHits, List<String> evasions) {
  public Explanation {
    contextHits = List.copyOf(contextHits);
    evasions = List.copyOf(evasions);
  }

  /** An explanation for a value found in the text as written. */
  public Explanation(String validator, List<String> contextHits) {
    this(validator, contextHits, List.of());
  }

  public static Explanation of(String validator) {
    return new Explanation(validator, List.of());
  }

  /** This explanation, saying that {@code undone} had to be reversed to find the value. */
  public Explanation withEvasions(List<String> undone) {
    return new Explanation(validator, contextHits, undone);
  }
}
