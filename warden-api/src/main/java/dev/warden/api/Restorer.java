package dev.warden.api;

/**
 * Turns vault tokens in a response back into the values they stand for, for one exchange. A host
 * obtains one per exchange (bound to that exchange's scope) and applies it to response text after
 * the response has been protected. Thread-confined to its exchange.
 *
 * <p>Contract: only tokens issued within this restorer's scope are replaced; any other text that
 * looks like a token (a fake a client sent, a token from another scope) is left exactly as it is.
 * Never throws on hostile text; a vault failure throws {@link IllegalStateException} and the host
 * must fail closed.
 */
public interface Restorer {
  /** Returns {@code text} with every in-scope token replaced by its original value. */
  String restore(String text);

  /**
   * The longest token this restorer can replace, in UTF-16 units. A streaming host holds back at
   * least this much of each channel so that a token split across chunks is whole when restored.
   */
  int maxTokenLength();

  /** Restores nothing (no vault, or tokenization not configured). */
  Restorer NONE =
      new Restorer() {
        @Override
        public String restore(String text) {
          return text;
        }

        @Override
        public int maxTokenLength() {
          return 0;
        }
      };
}
