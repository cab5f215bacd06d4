package dev.warden.engine.detect;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Confirms that a regex candidate really is the value a rule looks for (a checksum, a brand table,
 * a structural parse). Implementations are pure, thread-safe, never throw and do work linear in the
 * length of the value.
 */
public interface Validator {

  /**
   * Returns whether {@code value} (the rule's secret group, exactly as it appears in the text)
   * passes.
   */
  boolean test(CharSequence value);

  /** A short stable name recorded in {@link dev.warden.api.Explanation#validator()}. */
  String name();

  /** A validator from a name and a predicate. */
  static Validator of(String name, Predicate<CharSequence> test) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(test, "test");
    return new Validator() {
      @Override
      public boolean test(CharSequence value) {
        return test.test(value);
      }

      @Override
      public String name() {
        return name;
      }

      @Override
      public String toString() {
        return "Validator[" + name + "]";
      }
    };
  }
}
