package dev.warden.engine.limit;

import java.util.Map;

/**
 * Reads the completion-token count an upstream reports, from a JSON body or from a stream of SSE or
 * NDJSON events fed in arbitrary pieces: OpenAI {@code usage.completion_tokens}, OpenAI Responses
 * and Anthropic {@code usage.output_tokens}, Gemini {@code usageMetadata.candidatesTokenCount} plus
 * {@code thoughtsTokenCount}, Ollama {@code eval_count}.
 *
 * <p>Streams repeat the count as it grows (Anthropic's {@code message_delta}, Gemini's chunks), so
 * each field counts with the largest value seen. Only object keys count: the scanner follows JSON
 * string boundaries, so model text that merely contains {@code "completion_tokens": 9} (always
 * escaped inside a JSON string) is never read as a count. One instance per answer; not thread-safe.
 */
public final class Usage {
  private static final Map<String, Integer> FIELDS =
      Map.of(
          "completion_tokens", 0,
          "output_tokens", 1,
          "candidatesTokenCount", 2,
          "thoughtsTokenCount", 3,
          "eval_count", 4);
  private static final int LONGEST_FIELD = 20;
  private static final long MAX_COUNT = 1_000_000_000_000L;

  private enum Expect {
    KEY_OR_ANY,
    COLON,
    NUMBER
  }

  private final long[] largest = new long[5];
  private boolean reported;
  private boolean inString;
  private boolean escaped;
  private boolean capturing;
  private final StringBuilder key = new StringBuilder(LONGEST_FIELD);
  private byte lastOutside;
  private Expect expect = Expect.KEY_OR_ANY;
  private int field;
  private long number;
  private boolean digits;

  private long asciiBytes;
  private long otherChars;

  /** Feeds the next piece of the answer. */
  public void feed(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c >= 0) {
        asciiBytes++;
      } else if ((c & 0xC0) == 0xC0) {
        otherChars++;
      }
      step(c);
    }
  }

  /**
   * The completion tokens to charge: those reported, or when nothing was reported the {@link
   * TokenCount} estimate of everything fed (framing included, so it errs high).
   */
  public long tokens() {
    return reported ? completionTokens() : TokenCount.estimate(asciiBytes, otherChars);
  }

  /** Whether any of the usage fields was seen. */
  public boolean reported() {
    return reported;
  }

  /** Completion tokens reported so far (0 when none were). */
  public long completionTokens() {
    long total = 0;
    for (long n : largest) {
      total += n;
    }
    return total;
  }

  private void step(byte c) {
    if (inString) {
      inString(c);
      return;
    }
    if (expect == Expect.NUMBER) {
      if (c >= '0' && c <= '9') {
        number = Math.min(MAX_COUNT, number * 10 + (c - '0'));
        digits = true;
        return;
      }
      if (digits) {
        largest[field] = Math.max(largest[field], number);
        reported = true;
        expect = Expect.KEY_OR_ANY;
      } else if (!whitespace(c)) {
        expect = Expect.KEY_OR_ANY; // not a number (null, a nested object): not a count
      }
    }
    if (whitespace(c)) {
      return;
    }
    if (expect == Expect.COLON) {
      if (c == ':') {
        expect = Expect.NUMBER;
        number = 0;
        digits = false;
        lastOutside = c;
        return;
      }
      expect = Expect.KEY_OR_ANY;
    }
    if (c == '"') {
      inString = true;
      capturing = lastOutside == '{' || lastOutside == ',';
      key.setLength(0);
    }
    lastOutside = c;
  }

  private void inString(byte c) {
    if (escaped) {
      escaped = false;
      return;
    }
    if (c == '\\') {
      escaped = true;
      capturing = false; // no field of ours is spelled with an escape
      return;
    }
    if (c == '"') {
      inString = false;
      lastOutside = c;
      if (capturing) {
        Integer f = FIELDS.get(key.toString());
        if (f != null) {
          field = f;
          expect = Expect.COLON;
        }
      }
      capturing = false;
      return;
    }
    if (capturing) {
      if (key.length() < LONGEST_FIELD) {
        key.append((char) (c & 0xFF));
      } else {
        capturing = false;
      }
    }
  }

  private static boolean whitespace(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }
}
