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

  /** The user message of {@link #sensitive}{@code (n)}. */
  public static String sensitiveUserContent(int n) {
    return SENSITIVE + pad(n, SENSITIVE);
  }

  /**
   * What {@code shared/bench/stub-upstream.mjs} answers (with its default {@code STUB_LEAK=1}) to a
   * request whose last user message is {@code userContent}: byte-for-byte its {@code
   * JSON.stringify} output, with the id of its first reply.
   */
  public static byte[] stubReply(String userContent) {
    String content = "You said: " + userContent + LEAK_TEXT;
    return ("{\"id\":\"chatcmpl-stub-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\""
            + jsonEscape(content)
            + "\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The stub's {@code LEAK_TEXT}. */
  static final String LEAK_TEXT =
      " (upstream note: session secret_key=STUBleakQ7w8e9r0t1y2u3i4o5p6notReal)";

  private static byte[] build(int n, String sensitive) {
    return (PREFIX + sensitive + pad(n, sensitive) + SUFFIX).getBytes(StandardCharsets.UTF_8);
  }

  private static String pad(int n, String sensitive) {
    int fixed = PREFIX.length() + sensitive.length() + SUFFIX.length();
    int padLen = Math.max(0, n - fixed);
    return WORDS.repeat(padLen / WORDS.length() + 1).substring(0, padLen);
  }

  /** JSON string escaping as {@code JSON.stringify} does it for the characters that can occur. */
  static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20) {
            b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
