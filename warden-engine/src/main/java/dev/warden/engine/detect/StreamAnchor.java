package dev.warden.engine.detect;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a long match of a rule can be, relative to a literal that every such match is near: every
 * match lies within {@code before} characters before the start of an occurrence of {@link
 * #literal()} (case-insensitive) and {@code after} characters after its end. A streaming host uses
 * this to hold text back from an anchor only while a match could still be open, instead of holding
 * the rule's whole span everywhere.
 *
 * <p>An optional {@link #closer()} ends the hold early: once the closer occurs after the anchor, a
 * match from that anchor ends within {@link #closeReach()} characters after the closer's end (a PEM
 * block ends at its first {@code -----END} line).
 *
 * @param literal lower-case text every match is near (a rule's keyword, by default)
 * @param before characters a match may start before the literal's start
 * @param after characters a match may end after the literal's end
 * @param closer lower-case text after which a match from an earlier anchor ends, or null
 * @param closeReach characters a match may end after the closer's end (0 without a closer)
 */
public record StreamAnchor(
    String literal, int before, int after, @Nullable String closer, int closeReach) {
  public StreamAnchor {
    if (literal.isBlank() || !literal.equals(literal.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "stream anchor literal must be lower-case and not blank: " + literal);
    }
    if (before < 0 || after < 0 || closeReach < 0) {
      throw new IllegalArgumentException(
          "stream anchor '" + literal + "': before, after and closeReach must be >= 0");
    }
    if (closer != null && (closer.isBlank() || !closer.equals(closer.toLowerCase(Locale.ROOT)))) {
      throw new IllegalArgumentException(
          "stream anchor '" + literal + "': closer must be lower-case and not blank");
    }
  }

  /** An anchor without a closer. */
  public static StreamAnchor of(String literal, int before, int after) {
    return new StreamAnchor(literal, before, after, null, 0);
  }

  /** The longest text a match near this anchor can cover. */
  public int span() {
    return before + literal.length() + after;
  }
}
