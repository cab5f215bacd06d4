package dev.warden.server;

/**
 * The one error shape Warden sends: {@code {"error":{"type":"warden_…","message":"…"}}}, shaped
 * like OpenAI's so SDKs surface the message. Messages are written by Warden and never quote the
 * request or response body.
 */
record ErrorBody(int status, String type, String message) {
  byte[] json() {
    return ("{\"error\":{\"type\":\""
            + escape(type)
            + "\",\"message\":\""
            + escape(message)
            + "\",\"code\":"
            + status
            + "}}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** JSON string escaping (without the quotes). */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
