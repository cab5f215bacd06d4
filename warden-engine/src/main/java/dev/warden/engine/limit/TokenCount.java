package dev.warden.engine.limit;

/**
 * Token counts for budgets, without a tokenizer: an estimate of the prompt on the way in, and the
 * completion count the upstream reports in its {@code usage} (or an estimate of the answer when it
 * reports none).
 *
 * <p>The estimate errs high on purpose: a budget must not be overrun because a prompt was counted
 * short. Common tokenizers average about four ASCII characters per token and at most one token per
 * CJK or other non-ASCII character, so the estimate is {@code ceil(asciiBytes / 4)} plus one per
 * non-ASCII character, taken over the whole JSON body (keys and punctuation included).
 */
public final class TokenCount {
  private TokenCount() {}

  /** Estimated tokens of a UTF-8 body (a prompt, or an answer whose usage is unknown). */
  public static long estimate(byte[] body) {
    return estimate(body, 0, body.length);
  }

  static long estimate(byte[] b, int off, int len) {
    long ascii = 0;
    long other = 0;
    for (int i = off; i < off + len; i++) {
      int c = b[i];
      if (c >= 0) {
        ascii++;
      } else if ((c & 0xC0) == 0xC0) {
        other++; // a lead byte: one non-ASCII character; continuation bytes are not counted
      }
    }
    return estimate(ascii, other);
  }

  static long estimate(long asciiBytes, long otherChars) {
    return (asciiBytes + 3) / 4 + otherChars;
  }

  /** The completion tokens an answer body reports, or its estimate when it reports none. */
  public static long completion(byte[] answer) {
    Usage usage = new Usage();
    usage.feed(answer, 0, answer.length);
    return usage.tokens();
  }
}
