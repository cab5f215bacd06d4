package dev.warden.server;

/**
 * A Warden error: {@code {"error":{"type":"warden_…","message":"…"}}}, shaped like OpenAI's so SDKs
 * surface the message, or on a dialect route the dialect's own shape ({@link #json(
 * dev.warden.engine.dialect.Dialect)}). Messages are written by Warden and never quote the request
 * or response body.
 */
record ErrorBody(int status, String type, String message) {
  /** The error in {@code dialect}'s own shape, so its SDKs surface type and message. */
  byte[] json(dev.warden.engine.dialect.Dialect dialect) {
    return dialect.errorBody(status, type, message);
  }

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

  private static String escape(String s) {
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
