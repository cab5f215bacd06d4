package dev.warden.api;

/**
 * One detected value. Holds where it is, never what it is: the text is reached through the input
 * and {@link #span()}, so a finding can be logged or recorded without leaking.
 *
 * @param type the stable lower_snake detection type users write policies against ({@code email})
 * @param ruleId the stable kebab-case id of the rule that found it ({@code github-classic-pat})
 * @param span where the value is in the scanned text
 * @param confidence in {@code [0, 1]}
 * @param why how the rule reached its verdict
 */
public record Finding(String type, String ruleId, Span span, double confidence, Explanation why) {
  public Finding {
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
    }
  }
}
