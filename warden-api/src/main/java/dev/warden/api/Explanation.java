package dev.warden.api;

import java.util.List;

/**
 * Why a rule fired, for humans and the ledger; never contains the matched text.
 *
 * @param validator the validator that confirmed the match ({@code "luhn"}, {@code "jwt-json"}) or
 *     {@code "none"}
 * @param contextHits context words or JSON key names that raised or lowered the confidence
 */
public record Explanation(String validator, List<String> contextHits) {
  public Explanation {
    contextHits = List.copyOf(contextHits);
  }

  public static Explanation of(String validator) {
    return new Explanation(validator, List.of());
  }
}
