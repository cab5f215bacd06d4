package dev.warden.bench;

import java.nio.charset.StandardCharsets;

/**
 * The request bodies of the reference load workload, built exactly as {@code
 * shared/bench/chat-1kb.lua} builds them: {@code prefix ‖ sensitive ‖ padding ‖ suffix}, padded
 * with a repeated sentence cut to make the body exactly the target size (every part is ASCII, so
 * Lua's byte lengths and Java's char lengths agree).
 */
public final class ChatBodies {
  /** {@code chat-1kb.lua}'s default {@code BODY_BYTES}. */
  public static final int BODY_BYTES = 1024;

  static final String SENSITIVE =
      "Please draft a reply to the customer. Contact: jane.doe@example.org, "
          + "phone +1 415-555-0172. Our staging config has"
          + " api_key=sk-test-4f9A7c2E1b8D6a0F3e5C9b7A2d4E6f8B "
          + "and must never be quoted back. ";

  static final String PREFIX =
      "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a"
          + " helpful assistant.\"},{\"role\":\"user\",\"content\":\"";

  static final String SUFFIX = "\"}],\"temperature\":0}";

  static final String WORDS =
      "The quarterly summary covers shipping, billing and support tickets. ";

  private ChatBodies() {}

  /** {@code chat-1kb.lua}'s {@code build(n)}: exactly {@code n} bytes unless n is too small. */
  public static byte[] sensitive(int n) {
    return build(n, SENSITIVE);
  }

  /** Same shape and size with no sensitive sentence: prose padding only. */
  public static byte[] clean(int n) {
    return build(n, "");
  }

  private static byte[] build(int n, String sensitive) {
    int fixed = PREFIX.length() + sensitive.length() + SUFFIX.length();
    int padLen = Math.max(0, n - fixed);
    String pad = WORDS.repeat(padLen / WORDS.length() + 1).substring(0, padLen);
    return (PREFIX + sensitive + pad + SUFFIX).getBytes(StandardCharsets.UTF_8);
  }
}
